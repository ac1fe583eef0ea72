import type { Metadata } from "next";
import { MailPlus } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ORG_ROLES, can } from "@/lib/authz";
import { ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listInvitations, type PendingInvitation } from "@/lib/invitations/service";
import { changeInvitationRoleAction, resendInvitationAction, revokeInvitationAction } from "./actions";
import { InvitationsTable, type InvitationRow } from "./invitations-table";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Invitations" };

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

  const { principal } = actor;
  const invitable = ORG_ROLES.filter((role) => can(principal, "invitation.create", { role }));
  const base = `/${actor.org.slug}/invitations`;

  // What the viewer may do to each invitation is decided here; the table only shows it.
  const row = (inv: PendingInvitation): InvitationRow => {
    const data: InvitationRow = {
      id: inv.id,
      email: inv.email,
      role: inv.role,
      sent: <RelativeTime date={inv.createdAt} />,
      expires: inv.expired ? null : <RelativeTime date={inv.expiresAt} />,
      delivery: inv.delivery,
    };
    if (inv.invitedBy.name) data.invitedBy = inv.invitedBy.name;
    if (can(principal, "invitation.manage", { role: inv.role })) {
      data.manages = true;
      if (invitable.some((r) => r !== inv.role)) data.changesRole = true;
    }
    return data;
  };

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
          <InvitationsTable
            rows={page.items.map(row)}
            orgSlug={actor.org.slug}
            roles={invitable}
            changeRoleAction={changeInvitationRoleAction}
            resendAction={resendInvitationAction}
            revokeAction={revokeInvitationAction}
            empty={<EmptyState icon={MailPlus} title="No pending invitations" description="Invitations you send appear here until they are accepted, declined or revoked." />}
          />
          <CursorPager firstHref={cursor ? base : null} nextHref={page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null} />
        </section>
      </div>
    </>
  );
}
