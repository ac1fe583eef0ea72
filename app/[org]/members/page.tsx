import type { Metadata } from "next";
import Link from "next/link";
import { Download, UserPlus, Users } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ORG_ROLES, can, type OrgRole } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { countMembers, listMembers, type Member } from "@/lib/members/service";
import { signInMethodName } from "@/lib/members/sign-in-method";
import { bulkMembersAction, changeMemberRoleAction, removeMemberAction } from "./actions";
import { MemberFilters } from "./filters";
import { MembersTable, type MemberRow } from "./members-table";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Members" };

type Search = { query?: string | string[]; role?: string | string[]; cursor?: string | string[] };

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
  const query = searchParam(search.query).trim().slice(0, 100);
  const role = (ORG_ROLES as readonly string[]).includes(searchParam(search.role)) ? (searchParam(search.role) as OrgRole) : undefined;
  const cursor = searchParam(search.cursor) || undefined;
  const filters = { query: query || undefined, role };
  const [page, total] = await pageRead(
    () =>
      Promise.all([
        orFirstPage(listMembers(actor, { ...filters, cursor }), () => listMembers(actor, filters)),
        countMembers(actor),
      ]),
    `/${slug}/members`,
  );

  const base = `/${actor.org.slug}/members`;
  const href = (next?: string) => {
    const q = new URLSearchParams(Object.entries({ query: filters.query, role, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const filtered = Boolean(query || role);
  const { principal } = actor;
  const manages = can(principal, "member.remove", { role: "viewer" });
  const invites = can(principal, "invitation.list");
  // The roles the viewer may give someone at all; each selected person is still checked by the service.
  const bulkRoles = ORG_ROLES.filter((r) => can(principal, "member.role.change", { currentRole: "viewer", newRole: r }));
  const exportHref = `/api/v1/orgs/${actor.org.slug}/members/export${filters.query || role ? `?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}` : ""}`;

  // What the viewer may do to each member is decided here; the table only shows it.
  const row = (m: Member): MemberRow => {
    const data: MemberRow = {
      id: m.id,
      name: m.name,
      email: m.email,
      role: m.role,
      joined: <RelativeTime date={m.joinedAt} />,
      lastActive: m.lastActiveAt ? <RelativeTime date={m.lastActiveAt} /> : null,
      via: JOINED_VIA[m.joinedVia] ?? m.joinedVia,
      signIn: m.lastSignInMethod ? signInMethodName(m.lastSignInMethod, actor.org.id) : null,
    };
    if (m.id === actor.viewer.id) return { ...data, you: true };
    const grantable = ORG_ROLES.filter((r) => can(principal, "member.role.change", { currentRole: m.role, newRole: r }));
    if (grantable.some((r) => r !== m.role)) data.grantable = grantable;
    if (can(principal, "member.remove", { role: m.role })) data.removable = true;
    return data;
  };

  return (
    <>
      <PageHeader
        title="Members"
        description={`${total.toLocaleString("en")} ${total === 1 ? "person" : "people"} in ${actor.org.name}, by name.`}
        actions={
          <>
            <a href={exportHref} download className={buttonStyles({ variant: "secondary" })}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </a>
            {invites && (
              <Link href={`/${actor.org.slug}/invitations`} className={buttonStyles({})}>
                <UserPlus className="size-4" aria-hidden="true" /> Invite people
              </Link>
            )}
          </>
        }
      />
      <MemberFilters query={query} role={role ?? ""} clearHref={filtered ? base : null} />
      <MembersTable
        rows={page.items.map(row)}
        orgSlug={actor.org.slug}
        orgName={actor.org.name}
        manages={manages}
        showsActivity={can(principal, "member.activity.view")}
        bulkRoles={bulkRoles}
        bulkAction={bulkMembersAction}
        changeRoleAction={changeMemberRoleAction}
        removeAction={removeMemberAction}
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
