import type { Metadata } from "next";
import { KeyRound, Link2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { ButtonForm } from "@/components/ui/button-form";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { hasPassword } from "@/lib/accounts/profile";
import { listSessions } from "@/lib/accounts/sessions";
import { listAccessTokens } from "@/lib/accounts/tokens";
import { requireSignedIn } from "@/lib/http/pages";
import { listIdentities } from "@/lib/sso/identities";
import { StartSsoButton } from "../sso/sso-forms";
import { revokeOtherSessionsAction, revokeSessionAction, revokeTokenAction, unlinkIdentityAction } from "./actions";
import { describeDevice } from "./device";
import { ChangePasswordForm, CreateTokenForm, ProfileForm, SetPasswordForm } from "./forms";
import { VerifyEmailBanner } from "./verify-email-banner";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireSignedIn("/account");
  const { viewer } = actor;
  const [sessions, tokens, identities, passwordSet] = await Promise.all([listSessions(actor), listAccessTokens(actor), listIdentities(actor), hasPassword(actor)]);
  const methodName = (method: string) => (method === "password" ? "Password" : (identities.linked.find((i) => i.provider === method)?.name ?? "Single sign-on"));
  return (
    <>
      <PageHeader title="Account" description={viewer.email} />
      {!viewer.emailVerified && <VerifyEmailBanner email={viewer.email} />}
      <div className="space-y-6">
        <Card title="Profile">
          <ProfileForm name={viewer.name} />
        </Card>
        {passwordSet ? (
          <Card title="Password" description="Changing it signs out your other sessions.">
            <ChangePasswordForm />
          </Card>
        ) : (
          <Card title="Password" description="Your account signs in through single sign-on and has no password.">
            {viewer.emailVerified ? <SetPasswordForm /> : <p className="text-sm text-slate-700">Verify your email address to set a password.</p>}
          </Card>
        )}
        <Card title="Single sign-on" description="Identity providers that can sign you in. Linking one signs you in through it.">
          {identities.linked.length === 0 ? (
            <EmptyState icon={Link2} title="No linked sign-ins" description={identities.linkable.length ? "Link one below to sign in without your password." : "None is available to you yet."} />
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
              {identities.linked.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">{i.name}</p>
                    <p className="text-sm break-words text-slate-600">
                      {i.email} · last used {i.lastSignInAt ? <RelativeTime date={i.lastSignInAt} /> : "never"}
                    </p>
                    {i.groups?.length ? <p className="text-xs text-slate-600">Groups: {i.groups.slice(0, 10).join(", ")}</p> : null}
                  </div>
                  {passwordSet || identities.linked.length > 1 ? (
                    <ButtonForm action={unlinkIdentityAction} fields={{ identityId: i.id }} label="Unlink" pendingLabel="Unlinking…" />
                  ) : (
                    <span className="text-xs text-slate-600">Your only way to sign in</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {identities.linkable.length > 0 && (
            <div className="grid gap-3 sm:grid-cols-2">
              {identities.linkable.map((p) => (
                <StartSsoButton key={p.key} provider={p.key} label={p.name} next="/account" verb="Link" />
              ))}
            </div>
          )}
        </Card>
        <Card title="Sessions" description="Devices signed in to your account.">
          <DataTable
            caption="Sessions"
            columns={[
              { key: "device", header: "Device" },
              { key: "ip", header: "IP address" },
              { key: "lastUsed", header: "Last used" },
              { key: "actions", header: "", className: "text-right" },
            ]}
            rows={sessions.map((s) => ({
              key: s.id,
              cells: {
                device: (
                  <span className="flex flex-wrap items-center gap-2">
                    {describeDevice(s.userAgent)} {s.current && <Badge tone="green">This device</Badge>}
                    <span className="text-xs text-slate-600">via {methodName(s.method)}</span>
                  </span>
                ),
                ip: s.ip ?? "—",
                lastUsed: <RelativeTime date={s.lastUsedAt} />,
                actions: s.current ? null : <ButtonForm action={revokeSessionAction} fields={{ sessionId: s.id }} label="Sign out" pendingLabel="Signing out…" />,
              },
            }))}
            empty={null}
          />
          {sessions.length > 1 && (
            <div className="mt-4">
              <ButtonForm action={revokeOtherSessionsAction} label="Sign out all other sessions" pendingLabel="Signing out…" />
            </div>
          )}
        </Card>
        <Card title="Personal access tokens" description="For scripts and CI: send one as a Bearer token to the REST API. It acts as you.">
          <CreateTokenForm />
          <div className="mt-6">
            <DataTable
              caption="Personal access tokens"
              columns={[
                { key: "name", header: "Name" },
                { key: "prefix", header: "Token" },
                { key: "expires", header: "Expires" },
                { key: "lastUsed", header: "Last used" },
                { key: "actions", header: "", className: "text-right" },
              ]}
              rows={tokens.map((t) => ({
                key: t.id,
                cells: {
                  name: t.name,
                  prefix: <code className="font-mono text-xs">{t.prefix}…</code>,
                  expires: t.expiresAt ? (t.expiresAt < new Date() ? <Badge tone="red">Expired</Badge> : <RelativeTime date={t.expiresAt} />) : "Never",
                  lastUsed: t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : "Never",
                  actions: <ButtonForm action={revokeTokenAction} fields={{ tokenId: t.id }} label="Revoke" pendingLabel="Revoking…" />,
                },
              }))}
              empty={<EmptyState icon={KeyRound} title="No tokens yet" description="Create one to call the API from scripts and CI." />}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
