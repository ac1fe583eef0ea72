import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CenteredCard } from "@/components/shell/page-shell";
import { hasPassword } from "@/lib/accounts/profile";
import { isRecentlyAuthenticated, SUDO_MINUTES } from "@/lib/accounts/sudo";
import { requireSignedIn } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";
import { listIdentities } from "@/lib/sso/identities";
import { StartSsoButton } from "../sso/sso-forms";
import { ConfirmPasswordForm } from "./confirm-password-form";

export const metadata: Metadata = { title: "Confirm it is you" };

/**
 * Sudo mode's prompt: sensitive changes (auth settings, deleting an organization, creating a token,
 * a first password) need a proof of identity from the last few minutes. The password, or a fresh
 * sign-in through a linked provider (the new session is the proof).
 */
export default async function SudoPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  const actor = await requireSignedIn(`/sudo?${new URLSearchParams({ next })}`);
  if (isRecentlyAuthenticated(actor.viewer)) redirect(next);
  const [passwordSet, identities] = await Promise.all([hasPassword(actor), listIdentities(actor)]);
  return (
    <CenteredCard title="Confirm it is you" description={`This change needs a fresh proof that you are ${actor.viewer.email}. It lasts ${SUDO_MINUTES} minutes.`}>
      <div className="space-y-4">
        {passwordSet && <ConfirmPasswordForm next={next} />}
        {identities.linked.length > 0 && (
          <div className="space-y-3">
            {passwordSet && <p className="text-center text-xs text-slate-600 uppercase">or sign in again</p>}
            {identities.linked.map((i) => (
              <StartSsoButton key={i.id} provider={i.provider} label={i.name} next={next} verb="Sign in again with" />
            ))}
          </div>
        )}
        {!passwordSet && identities.linked.length === 0 && (
          <p className="text-sm text-slate-700">
            Your account has no password and no linked sign-in. <Link className="text-indigo-700 underline" href="/forgot-password">Set a password by email</Link> first.
          </p>
        )}
        <p className="text-sm">
          <Link href={next} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
            Cancel
          </Link>
        </p>
      </div>
    </CenteredCard>
  );
}
