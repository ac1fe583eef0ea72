import type { Metadata } from "next";
import { CenteredCard } from "@/components/shell/page-shell";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <CenteredCard title="Choose a new password" description="Every device signed in to your account will be signed out.">
      <ResetPasswordForm token={token} />
    </CenteredCard>
  );
}
