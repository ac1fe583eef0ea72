import type { Metadata } from "next";
import { History, MailPlus } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ORG_ROLES, can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listInvitations, type PendingInvitation } from "@/lib/invitations/service";
import { changeInvitationRoleAction, resendInvitationAction, revokeInvitationAction } from "./actions";
import { InvitationsTable, type InvitationRow } from "./invitations-table";
import { InviteForm } from "./invite-form";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Invitations" };

type Search = { cursor?: string | string[]; history?: string | string[] };
export default async function InvitationsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const cursor = searchParam(search.cursor) || undefined;
  const historyCursor = searchParam(search.history) || undefined;
  const actor = await orgActorFor(slug, "/invitations");
  const list = (status: "pending" | "history", from?: string) =>
    orFirstPage(listInvitations(actor, { status, cursor: from }), () => listInvitations(actor, { status }));
  const [pending, history] = await pageRead(() => Promise.all([list("pending", cursor), list("history", historyCursor)]), `/${slug}/invitations`);

  const { principal } = actor;
  const invitable = ORG_ROLES.filter((role) => can(principal, "invitation.create", { role }));
  const base = `/${actor.org.slug}/invitations`;
  const href = (q: Search) => {
    const query = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]);
    return query.size ? `${base}?${query}` : base;
  };

  // What the viewer may do to each invitation is decided here; the table only shows it.
  const row = (inv: PendingInvitation): InvitationRow => {
    const data: InvitationRow = {
      id: inv.id,
      email: inv.email,
      role: inv.role,
      sent: <RelativeTime date={inv.createdAt} />,
      expires: inv.expired ? null : <RelativeTime date={inv.expiresAt} />,
      delivery: inv.delivery,
      status: inv.status,
      closed: inv.closedAt ? <RelativeTime date={inv.closedAt} /> : inv.expired ? <RelativeTime date={inv.expiresAt} /> : undefined,
    };
    if (inv.invitedBy.name) data.invitedBy = inv.invitedBy.name;
    if (can(principal, "invitation.manage", { role: inv.role })) {
      data.manages = true;
      if (invitable.some((r) => r !== inv.role)) data.changesRole = true;
    }
    return data;
  };
  const tableProps = {
    orgSlug: actor.org.slug,
    roles: invitable,
    changeRoleAction: changeInvitationRoleAction,
    resendAction: resendInvitationAction,
    revokeAction: revokeInvitationAction,
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
        <div>
          <h2 id="pending-title" className="mb-3 text-base font-semibold text-slate-900">
            Pending invitations
          </h2>
          <InvitationsTable
            {...tableProps}
            rows={pending.items.map(row)}
            empty={<EmptyState icon={MailPlus} title="No pending invitations" description="Invite people above: their invitations wait here until they are accepted, declined, revoked or expire." />}
          />
          <CursorPager label="Pending invitations pages" firstHref={cursor ? href({ history: historyCursor }) : null} nextHref={pending.nextCursor ? href({ cursor: pending.nextCursor, history: historyCursor }) : null} />
        </div>
        <div>
          <h2 id="history-title" className="mb-1 text-base font-semibold text-slate-900">
            History
          </h2>
          <p className="mb-3 text-sm text-slate-600">Accepted, declined, revoked and expired invitations. An expired one can be sent again.</p>
          <InvitationsTable
            {...tableProps}
            variant="history"
            rows={history.items.map(row)}
            empty={<EmptyState icon={History} title="No past invitations yet" description="Invitations move here once they are answered, revoked or expire." />}
          />
          <CursorPager label="Invitation history pages" firstHref={historyCursor ? href({ cursor }) : null} nextHref={history.nextCursor ? href({ cursor, history: history.nextCursor }) : null} />
        </div>
      </div>
    </>
  );
}
