import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { ButtonForm } from "@/components/ui/button-form";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { listSessions } from "@/lib/accounts/sessions";
import { listAccessTokens } from "@/lib/accounts/tokens";
import { requireSignedIn } from "@/lib/http/pages";
import { revokeOtherSessionsAction, revokeSessionAction, revokeTokenAction } from "./actions";
import { describeDevice } from "./device";
import { ChangePasswordForm, CreateTokenForm, ProfileForm } from "./forms";
import { VerifyEmailBanner } from "./verify-email-banner";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireSignedIn("/account");
  const { viewer } = actor;
  const [sessions, tokens] = await Promise.all([listSessions(actor), listAccessTokens(actor)]);
  return (
    <>
      <PageHeader title="Account" description={viewer.email} />
      {!viewer.emailVerified && <VerifyEmailBanner email={viewer.email} />}
      <div className="space-y-6">
        <Card title="Profile">
          <ProfileForm name={viewer.name} />
        </Card>
        <Card title="Password" description="Changing it signs out your other sessions.">
          <ChangePasswordForm />
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
                  <span className="flex items-center gap-2">
                    {describeDevice(s.userAgent)} {s.current && <Badge tone="green">This device</Badge>}
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
