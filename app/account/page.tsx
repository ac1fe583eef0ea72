import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound, Link2, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { ButtonForm } from "@/components/ui/button-form";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { hasPassword } from "@/lib/accounts/profile";
import { listSessions } from "@/lib/accounts/sessions";
import { isRecentlyAuthenticated, SUDO_MINUTES } from "@/lib/accounts/sudo";
import { listAccessTokens } from "@/lib/accounts/tokens";
import { SESSION_DAYS, SESSION_MAX_DAYS } from "@/lib/auth/context";
import { requireSignedIn } from "@/lib/http/pages";
import { listMyOrgs } from "@/lib/orgs/service";
import { listIdentities } from "@/lib/sso/identities";
import { StartSsoButton } from "../sso/sso-forms";
import { revokeOtherSessionsAction, revokeSessionAction, revokeTokenAction, unlinkIdentityAction } from "./actions";
import { describeDevice } from "./device";
import { ChangePasswordForm, CreateTokenForm, ProfileForm, SetPasswordForm } from "./forms";
import { ItemList } from "./item-list";
import { VerifyEmailBanner } from "./verify-email-banner";

export const metadata: Metadata = { title: "Account" };

const SECTIONS = [
  { id: "profile", label: "Profile" },
  { id: "password", label: "Password" },
  { id: "sign-in", label: "Single sign-on" },
  { id: "sessions", label: "Sessions" },
  { id: "tokens", label: "Access tokens" },
] as const;

/** Sudo mode's prompt where a section needs a fresh proof of identity. */
function ConfirmFirst({ what, section }: { what: string; section: string }) {
  return (
    <div className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700 sm:flex-row sm:items-center">
      <ShieldCheck className="size-5 shrink-0 text-slate-500" aria-hidden="true" />
      <p className="flex-1">
        To {what}, confirm it is you first (your password, or signing in again). It lasts {SUDO_MINUTES} minutes.
      </p>
      <Link href={`/sudo?${new URLSearchParams({ next: `/account#${section}` })}`} className={buttonStyles({ variant: "secondary", size: "sm" })}>
        Confirm it is you
      </Link>
    </div>
  );
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const actor = await requireSignedIn("/account");
  const { viewer } = actor;
  const passwordRemoved = (await searchParams).password === "removed";
  const [sessions, tokens, identities, passwordSet, orgs] = await Promise.all([listSessions(actor), listAccessTokens(actor), listIdentities(actor), hasPassword(actor), listMyOrgs(actor)]);
  const sudo = isRecentlyAuthenticated(viewer);
  const methodName = (method: string) => (method === "password" ? "Password" : (identities.linked.find((i) => i.provider === method)?.name ?? "Single sign-on"));
  return (
    <>
      <PageHeader title="Account" description={<span className="break-all">{viewer.email}</span>} />
      {!viewer.emailVerified && <VerifyEmailBanner email={viewer.email} />}
      {passwordRemoved && (
        <p role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-900">
          Your address is verified. The password set before was not shown to be yours, so it no longer works, and every other session and token of this account ended. Choose a password below.
        </p>
      )}
      <div className="lg:grid lg:grid-cols-[12rem_minmax(0,1fr)] lg:gap-8">
        <nav aria-label="Account sections" className="mb-6 lg:mb-0">
          <ul className="flex gap-2 overflow-x-auto pb-1 lg:sticky lg:top-6 lg:flex-col lg:gap-1 lg:overflow-visible">
            {SECTIONS.map((s) => (
              <li key={s.id} className="shrink-0">
                <a href={`#${s.id}`} className="block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none">
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 space-y-6">
          <div id="profile" className="scroll-mt-6">
            <Card title="Profile">
              <ProfileForm name={viewer.name} />
            </Card>
          </div>
          <div id="password" className="scroll-mt-6">
            {passwordSet ? (
              <Card title="Password" description="Changing it signs out your other sessions and revokes your access tokens.">
                <ChangePasswordForm />
              </Card>
            ) : (
              <Card title="Password" description="Your account has no password: it signs in through single sign-on or an email link.">
                {!viewer.emailVerified ? (
                  <p className="text-sm text-slate-700">Verify your email address to set a password.</p>
                ) : sudo ? (
                  <SetPasswordForm />
                ) : (
                  <ConfirmFirst what="set a password" section="password" />
                )}
              </Card>
            )}
          </div>
          <div id="sign-in" className="scroll-mt-6">
            <Card title="Single sign-on" description="Identity providers that can sign you in. Linking one signs you in through it.">
              {identities.linked.length === 0 ? (
                <EmptyState icon={Link2} title="No linked sign-ins" description={identities.linkable.length ? "Link one below to sign in without your password." : "None is available to you yet."} />
              ) : (
                <ItemList
                  label="Linked sign-ins"
                  items={identities.linked.map((i) => ({
                    key: i.id,
                    title: i.name,
                    details: [
                      <span key="email" className="break-all">{i.email}</span>,
                      <span key="used">last used {i.lastSignInAt ? <RelativeTime date={i.lastSignInAt} /> : "never"}</span>,
                      ...(i.groups?.length ? [<span key="groups">Groups: {i.groups.slice(0, 10).join(", ")}</span>] : []),
                    ],
                    action:
                      passwordSet || identities.linked.length > 1 ? (
                        <ButtonForm action={unlinkIdentityAction} fields={{ identityId: i.id }} label="Unlink" pendingLabel="Unlinking…" />
                      ) : (
                        <span className="text-xs text-slate-600">Your only way to sign in</span>
                      ),
                  }))}
                />
              )}
              {identities.linkable.length > 0 && (
                <div className="grid gap-3 sm:grid-cols-2">
                  {identities.linkable.map((p) => (
                    <StartSsoButton key={p.key} provider={p.key} label={p.name} next="/account" verb="Link" />
                  ))}
                </div>
              )}
            </Card>
          </div>
          <div id="sessions" className="scroll-mt-6">
            <Card
              title="Sessions"
              description={`Devices signed in to your account. A session ends after ${SESSION_DAYS} days without use, and ${SESSION_MAX_DAYS} days after signing in however busy it is.`}
            >
              <ItemList
                label="Sessions"
                items={sessions.map((s) => ({
                  key: s.id,
                  title: (
                    <span className="flex flex-wrap items-center gap-2">
                      {describeDevice(s.userAgent)} {s.current && <Badge tone="green">This device</Badge>}
                    </span>
                  ),
                  details: [
                    <span key="via">via {methodName(s.method)}</span>,
                    <span key="ip">{s.ip ?? "Unknown address"}</span>,
                    <span key="used">
                      last used <RelativeTime date={s.lastUsedAt} />
                    </span>,
                  ],
                  action: s.current ? null : <ButtonForm action={revokeSessionAction} fields={{ sessionId: s.id }} label="Sign out" pendingLabel="Signing out…" />,
                }))}
              />
              {sessions.length > 1 && <ButtonForm action={revokeOtherSessionsAction} label="Sign out all other sessions" pendingLabel="Signing out…" />}
            </Card>
          </div>
          <div id="tokens" className="scroll-mt-6">
            <Card title="Personal access tokens" description="For scripts and CI: send one as a Bearer token to the REST API. It acts as you, within the limits you pick. Resetting or changing your password revokes every token.">
              {!viewer.emailVerified ? (
                <p className="text-sm text-slate-700">Verify your email address to create access tokens.</p>
              ) : sudo ? (
                <CreateTokenForm orgs={orgs.items.map((o) => ({ slug: o.slug, name: o.name }))} />
              ) : (
                <ConfirmFirst what="create a token" section="tokens" />
              )}
              <ItemList
                label="Personal access tokens"
                items={tokens.map((t) => ({
                  key: t.id,
                  title: t.name,
                  details: [
                    <code key="prefix" className="font-mono text-xs">
                      {t.prefix}…
                    </code>,
                    <span key="scope">
                      {t.readOnly ? "Read only" : "Read and write"} · {t.areas?.length ? t.areas.join(", ") : "all areas"}
                      {t.orgName ? ` · ${t.orgName} only` : ""}
                    </span>,
                    <span key="expires">
                      {t.expiresAt ? (
                        t.expiresAt < new Date() ? (
                          <Badge tone="red">Expired</Badge>
                        ) : (
                          <>
                            expires <RelativeTime date={t.expiresAt} />
                          </>
                        )
                      ) : (
                        "never expires"
                      )}
                    </span>,
                    <span key="used">last used {t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : "never"}</span>,
                  ],
                  action: <ButtonForm action={revokeTokenAction} fields={{ tokenId: t.id }} label="Revoke" pendingLabel="Revoking…" />,
                }))}
                empty={<EmptyState icon={KeyRound} title="No tokens yet" description="Create one above to call the API from scripts and CI." />}
              />
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
