import type { Metadata } from "next";
import Link from "next/link";
import { CircleAlert, ShieldCheck } from "lucide-react";
import { CenteredCard } from "@/components/shell/page-shell";
import { FormMessage } from "@/components/ui/form-message";
import { currentActor } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";
import { isSsoFailure, SSO_FAILURES } from "@/lib/sso/errors";
import { orgSsoBySlug } from "@/lib/sso/registry";
import { FindSsoForm, StartSsoButton } from "./sso-forms";

export const metadata: Metadata = { title: "Sign in with SSO" };

type Search = { org?: string; next?: string; error?: string; hint?: string; required?: string };

const linkStyles = "text-indigo-700 underline underline-offset-2 hover:text-indigo-900";

/**
 * "Sign in with SSO". Without an organization: ask for a work email or the organization. With one
 * that has SSO: its ways to sign in. Also where members of an organization that requires SSO are
 * sent, and where a failed sign-in explains itself (only a known reason, never text from a provider).
 */
export default async function SsoPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { org: slug, next: rawNext, error, hint, required } = await searchParams;
  const next = rawNext ? safeNext(rawNext) : undefined;
  const [actor, sso] = await Promise.all([currentActor(), slug ? orgSsoBySlug(slug) : null]);
  const failure = isSsoFailure(error) ? SSO_FAILURES[error] : error ? SSO_FAILURES.provider : null;
  const passwordSignIn = `/signin${next ? `?${new URLSearchParams({ next })}` : ""}`;

  return (
    <CenteredCard
      title={sso ? `Sign in to ${sso.org.name}` : "Sign in with SSO"}
      description={sso ? undefined : "Use your organization's identity provider."}
    >
      <div className="space-y-4">
        <FormMessage message={failure} />
        {sso && required && (
          <div role="status" className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <ShieldCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <p>
              {sso.org.name} requires single sign-on. {actor.viewer ? `You are signed in as ${actor.viewer.email} another way: ` : ""}sign in through its SSO to
              continue.
            </p>
          </div>
        )}
        {slug && !sso && (
          <div role="status" className="flex items-start gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800">
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <p>No single sign-on is set up for that organization.</p>
          </div>
        )}
        {sso ? (
          <div className="space-y-3">
            {sso.methods.map((method, i) => (
              <StartSsoButton key={method.key} provider={method.key} label={method.name} org={sso.org.slug} next={next} loginHint={hint} primary={i === 0} />
            ))}
          </div>
        ) : (
          <FindSsoForm next={next} query={hint} />
        )}
      </div>
      <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
        {sso ? (
          <Link href={`/sso${next ? `?${new URLSearchParams({ next })}` : ""}`} className={linkStyles}>
            Another organization
          </Link>
        ) : (
          <span />
        )}
        {!actor.viewer && (
          <Link href={passwordSignIn} className={linkStyles}>
            Sign in with a password
          </Link>
        )}
      </div>
    </CenteredCard>
  );
}
