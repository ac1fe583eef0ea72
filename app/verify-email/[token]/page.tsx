import type { Metadata } from "next";
import { CenteredCard } from "@/components/shell/page-shell";
import { ButtonForm } from "@/components/ui/button-form";
import { verifyEmailAction } from "./actions";

export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners follow links); the button does.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <CenteredCard title="Verify your email" description="Confirm that this address belongs to you.">
      <ButtonForm action={verifyEmailAction} fields={{ token }} label="Verify my email" pendingLabel="Verifying…" variant="primary" size="md" />
    </CenteredCard>
  );
}
