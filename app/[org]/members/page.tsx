import type { Metadata } from "next";
import Link from "next/link";
import { UserPlus, Users } from "lucide-react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { ConfirmActionDialog, RoleSelectForm } from "@/components/ui/row-actions";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ORG_ROLES, can, type OrgRole } from "@/lib/authz";
import { ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listMembers } from "@/lib/members/service";
import { changeMemberRoleAction, removeMemberAction } from "./actions";
import { MemberFilters } from "./filters";

export const metadata: Metadata = { title: "Members" };

type Search = { query?: string | string[]; role?: string | string[]; cursor?: string | string[] };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

const JOINED_VIA: Record<string, string> = {
  created: "Created the organization",
  invitation: "Invitation",
  open_join: "Open join",
  sso: "Single sign-on",
  seed: "Demo data",
};

export default async function MembersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/members");
  const query = first(search.query).trim().slice(0, 100);
  const role = (ORG_ROLES as readonly string[]).includes(first(search.role)) ? (first(search.role) as OrgRole) : undefined;
  const cursor = first(search.cursor) || undefined;
  const filters = { query: query || undefined, role };
  const page = await pageRead(async () => {
    try {
      return await listMembers(actor, { ...filters, cursor });
    } catch (error) {
      // A hand-edited cursor shows the first page of the same search rather than an error.
      if (error instanceof ValidationError) return listMembers(actor, filters);
      throw error;
    }
  }, `/${slug}/members`);

  const base = `/${actor.org.slug}/members`;
  const href = (next?: string) => {
    const q = new URLSearchParams(Object.entries({ query: filters.query, role, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const filtered = Boolean(query || role);
  const { principal } = actor.scope;
  const manages = can(principal, "member.remove", { role: "viewer" });
  const invites = can(principal, "invitation.list", {});

  const manage = (m: { id: string; name: string; email: string; role: OrgRole }) => {
    if (m.id === actor.viewer.id) return null;
    const grantable = ORG_ROLES.filter((r) => can(principal, "member.role.change", { currentRole: m.role, newRole: r }));
    const mayChange = grantable.some((r) => r !== m.role);
    const mayRemove = can(principal, "member.remove", { role: m.role });
    if (!mayChange && !mayRemove) return null;
    const fields = { currentSlug: actor.org.slug, userId: m.id };
    return (
      <div className="flex items-center justify-end gap-2">
        {mayChange && <RoleSelectForm action={changeMemberRoleAction} fields={fields} currentRole={m.role} roles={grantable} subject={m.name} />}
        {mayRemove && (
          <ConfirmActionDialog
            triggerLabel="Remove"
            triggerSrLabel={m.name}
            title={`Remove ${m.name}?`}
            description={
              <>
                <b className="font-medium break-words text-slate-900">{m.email}</b> loses access to {actor.org.name} on their next request. Their team memberships and project grants
                here are removed, and invitations they sent that are still pending are revoked. An owner or admin can invite them again.
              </>
            }
            action={removeMemberAction}
            fields={fields}
            confirmLabel="Remove member"
            pendingLabel="Removing…"
          />
        )}
      </div>
    );
  };

  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone in ${actor.org.name}, by name.`}
        actions={
          invites ? (
            <Link href={`/${actor.org.slug}/invitations`} className={buttonStyles({})}>
              <UserPlus className="size-4" aria-hidden="true" /> Invite people
            </Link>
          ) : undefined
        }
      />
      <MemberFilters query={query} role={role ?? ""} clearHref={filtered ? base : null} />
      <DataTable
        caption="Members"
        columns={[
          { key: "name", header: "Member" },
          { key: "role", header: "Role" },
          { key: "joined", header: "Joined" },
          { key: "via", header: "Joined via" },
          ...(manages ? [{ key: "manage", header: "Manage", className: "text-right" }] : []),
        ]}
        rows={page.items.map((m) => ({
          key: m.id,
          cells: {
            name: (
              <span className="block whitespace-nowrap">
                <span className="flex items-center gap-2 font-medium text-slate-900">
                  {m.name}
                  {m.id === actor.viewer.id && <Badge tone="neutral">You</Badge>}
                </span>
                <span className="block text-slate-600">{m.email}</span>
              </span>
            ),
            role: <RoleBadge role={m.role} />,
            joined: <span className="whitespace-nowrap"><RelativeTime date={m.joinedAt} /></span>,
            via: <span className="whitespace-nowrap">{JOINED_VIA[m.joinedVia] ?? m.joinedVia}</span>,
            manage: manage(m),
          },
        }))}
        empty={
          <EmptyState
            icon={Users}
            title={filtered ? "No members match this search" : "No members yet"}
            description={filtered ? "The search matches the start of a name or an email address." : undefined}
            action={
              filtered ? (
                <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                  Show all members
                </Link>
              ) : undefined
            }
          />
        }
      />
      <CursorPager firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
    </>
  );
}
