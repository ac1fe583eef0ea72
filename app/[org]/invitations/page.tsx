import type { Metadata } from "next";
import { MailPlus } from "lucide-react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { RoleSelectForm, RowButtonForm } from "@/components/ui/row-actions";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ORG_ROLES, can } from "@/lib/authz";
import { ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listInvitations, type PendingInvitation } from "@/lib/invitations/service";
import { changeInvitationRoleAction, resendInvitationAction, revokeInvitationAction } from "./actions";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Invitations" };

const DELIVERY: Record<PendingInvitation["delivery"], { tone: "green" | "neutral" | "red"; label: string }> = {
  sent: { tone: "green", label: "Sent" },
  sending: { tone: "neutral", label: "Sending" },
  failed: { tone: "red", label: "Delivery failed" },
};

export default async function InvitationsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ cursor?: string | string[] }> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const cursor = (Array.isArray(search.cursor) ? search.cursor[0] : search.cursor) || undefined;
  const actor = await orgActorFor(slug, "/invitations");
  const page = await pageRead(async () => {
    try {
      return await listInvitations(actor, { cursor });
    } catch (error) {
      // A hand-edited cursor shows the first page rather than an error.
      if (error instanceof ValidationError) return listInvitations(actor, {});
      throw error;
    }
  }, `/${slug}/invitations`);

  const { principal } = actor.scope;
  const invitable = ORG_ROLES.filter((role) => can(principal, "invitation.create", { role }));
  const base = `/${actor.org.slug}/invitations`;

  return (
    <>
      <PageHeader title="Invitations" description={`Invite people to ${actor.org.name} by email. Each link works for 7 days and only for the address it was sent to.`} />
      <div className="space-y-8">
        {invitable.length > 0 && (
          <Card title="Invite people">
            <InviteForm orgSlug={actor.org.slug} roles={invitable} />
          </Card>
        )}
        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="mb-3 text-base font-semibold text-slate-900">
            Pending invitations
          </h2>
          <DataTable
            caption="Pending invitations"
            columns={[
              { key: "email", header: "Email" },
              { key: "role", header: "Role" },
              { key: "sent", header: "Sent" },
              { key: "expires", header: "Expires" },
              { key: "delivery", header: "Delivery" },
              { key: "actions", header: "Actions", className: "text-right" },
            ]}
            rows={page.items.map((inv) => {
              const manages = can(principal, "invitation.manage", { role: inv.role });
              const fields = { currentSlug: actor.org.slug, invitationId: inv.id };
              const delivery = DELIVERY[inv.delivery];
              return {
                key: inv.id,
                cells: {
                  email: <span className="font-medium whitespace-nowrap text-slate-900">{inv.email}</span>,
                  role:
                    manages && invitable.some((r) => r !== inv.role) ? (
                      <RoleSelectForm action={changeInvitationRoleAction} fields={fields} currentRole={inv.role} roles={invitable} subject={`the invitation for ${inv.email}`} />
                    ) : (
                      <RoleBadge role={inv.role} />
                    ),
                  sent: (
                    <span className="block whitespace-nowrap">
                      <RelativeTime date={inv.createdAt} />
                      {inv.invitedBy.name && <span className="block text-slate-600">by {inv.invitedBy.name}</span>}
                    </span>
                  ),
                  expires: inv.expired ? (
                    <Badge tone="red">Expired</Badge>
                  ) : (
                    <span className="whitespace-nowrap">
                      <RelativeTime date={inv.expiresAt} />
                    </span>
                  ),
                  delivery: <Badge tone={delivery.tone}>{delivery.label}</Badge>,
                  actions: manages ? (
                    <div className="flex items-center justify-end gap-2">
                      <RowButtonForm action={resendInvitationAction} fields={fields} label="Resend" srLabel={`the invitation for ${inv.email}`} pendingLabel="Sending…" />
                      <RowButtonForm action={revokeInvitationAction} fields={fields} label="Revoke" srLabel={`the invitation for ${inv.email}`} pendingLabel="Revoking…" />
                    </div>
                  ) : null,
                },
              };
            })}
            empty={<EmptyState icon={MailPlus} title="No pending invitations" description="Invitations you send appear here until they are accepted, declined or revoked." />}
          />
          <CursorPager firstHref={cursor ? base : null} nextHref={page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null} />
        </section>
      </div>
    </>
  );
}
