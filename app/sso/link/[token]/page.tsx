import type { Metadata } from "next";
import Link from "next/link";
import { CenteredCard } from "@/components/shell/page-shell";
import { buttonStyles } from "@/components/ui/button";
import { ButtonForm } from "@/components/ui/button-form";
import { linkRequestView } from "@/lib/sso/identities";
import { confirmLinkAction } from "../actions";

export const metadata: Metadata = { title: "Link your sign-in", referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners follow links); the button does.
export default async function ConfirmLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const request = await linkRequestView(token);
  if (!request) {
    return (
      <CenteredCard title="This link does not work any more" description="It was used already, or it expired after an hour.">
        <Link href="/sso" className={buttonStyles({})}>
          Sign in with SSO again
        </Link>
      </CenteredCard>
    );
  }
  return (
    <CenteredCard title={`Link ${request.providerName}`} description={`So that ${request.providerName} can sign in to the Atrium account for ${request.email}.`}>
      <p className="mb-4 text-sm text-slate-700">Only confirm if you just signed in to {request.providerName} and asked for this link. If not, close this page: nothing changes.</p>
      <ButtonForm action={confirmLinkAction} fields={{ token }} label={`Link ${request.providerName}`} pendingLabel="Linking…" variant="primary" size="md" />
    </CenteredCard>
  );
}
