import type { Metadata } from "next";
import { connection } from "next/server";
import { CenteredCard } from "@/components/shell/page-shell";
import { ButtonForm } from "@/components/ui/button-form";
import { verificationView } from "@/lib/accounts/email-links";
import { currentActor } from "@/lib/http/pages";
import { verifyEmailAction } from "./actions";
import { VerifyWithPasswordForm } from "./verify-form";

export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners follow links); the button does.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const view = await verificationView(await currentActor(), token);
  if (!view) {
    return (
      <CenteredCard title="This link does not work">
        <p role="alert" className="text-sm text-slate-700">
          This verification link is invalid, used or expired. Sign in and ask for a new one.
        </p>
      </CenteredCard>
    );
  }
  return (
    <CenteredCard title="Verify your email" description={`Confirm that ${view.email} belongs to you.`}>
      {view.asksPassword ? (
        <VerifyWithPasswordForm token={token} />
      ) : (
        <ButtonForm action={verifyEmailAction} fields={{ token }} label="Verify my email" pendingLabel="Verifying…" variant="primary" size="md" />
      )}
    </CenteredCard>
  );
}
