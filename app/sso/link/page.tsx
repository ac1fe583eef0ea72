import type { Metadata } from "next";
import Link from "next/link";
import { CenteredCard } from "@/components/shell/page-shell";
import { buttonStyles } from "@/components/ui/button";
import { ButtonForm } from "@/components/ui/button-form";
import { currentActor, readCookie } from "@/lib/http/pages";
import { pendingLinkView } from "@/lib/sso/identities";
import { PENDING_LINK_COOKIE } from "@/lib/sso/sign-in";
import { linkPendingAction, sendLinkMailAction } from "./actions";

export const metadata: Metadata = { title: "Link your sign-in" };

/**
 * An identity provider signed someone in with an address an Atrium account already uses. It is
 * never attached by itself: the person signs in to that account, or confirms by mail to the address.
 */
export default async function LinkIdentityPage() {
  const [actor, pending] = await Promise.all([currentActor(), readCookie(PENDING_LINK_COOKIE).then(pendingLinkView)]);
  if (!pending) {
    return (
      <CenteredCard title="Nothing to link" description="The request to link a sign-in expired, or was already used.">
        <Link href="/sso" className={buttonStyles({})}>
          Sign in with SSO again
        </Link>
      </CenteredCard>
    );
  }
  const identity = (
    <p className="text-sm text-slate-700">
      {pending.providerName} signed you in as <b className="font-medium break-words">{pending.email}</b>.
    </p>
  );
  if (actor.viewer) {
    return (
      <CenteredCard title={`Link ${pending.providerName}`} description={`Then you can sign in to Atrium through ${pending.providerName}.`}>
        <div className="space-y-4">
          {identity}
          <p className="text-sm text-slate-700">
            Link it to the account you are signed in to, <b className="font-medium break-words">{actor.viewer.email}</b>?
          </p>
          <ButtonForm action={linkPendingAction} label={`Link ${pending.providerName}`} pendingLabel="Linking…" variant="primary" size="md" />
        </div>
      </CenteredCard>
    );
  }
  const signIn = new URLSearchParams({ next: "/sso/link", email: pending.email });
  return (
    <CenteredCard title="You already have an account" description={`An Atrium account already uses ${pending.email}.`}>
      <div className="space-y-4">
        {identity}
        <p className="text-sm text-slate-700">
          To use {pending.providerName} for it, prove the account is yours: sign in to it, or open a link we email to that address.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link href={`/signin?${signIn}`} className={buttonStyles({})}>
            Sign in to link
          </Link>
          {pending.emailVerified && <ButtonForm action={sendLinkMailAction} label="Email me a link" pendingLabel="Sending…" size="md" />}
        </div>
      </div>
    </CenteredCard>
  );
}
