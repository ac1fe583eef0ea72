import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { rawRows } from "@/db/raw";
import { memberships, projectGrants, teamMembers, teams, users } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, can, effectiveVisibility, orgPrincipal, resolveProjectRole, ROLE_LABELS, type OrgRole, type ProjectGrantFact, type ProjectRole, type RoleSource } from "@/lib/authz";
import { ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { loadProject, personFacts, type ProjectRow } from "./queries";
import { accessQuery } from "./schemas";

/** One person's access to a project: their effective role, every source of it, and the winner. */
export type AccessEntry = { user: { id: string; name: string; email: string }; orgRole: OrgRole | null; role: ProjectRole | null; sources: RoleSource[]; winner: RoleSource | null };

type AccessRow = { id: string; name: string; email: string; sortKey: string; orgRole: OrgRole | null; grants: ProjectGrantFact[] };

function entryOf(actor: OrgActor, project: ProjectRow, row: Pick<AccessRow, "id" | "name" | "email" | "orgRole" | "grants">): AccessEntry {
  const org = orgPrincipal({ signedIn: true, membershipRole: row.orgRole, orgVisibility: actor.org.visibility });
  const { role, sources, winner } = resolveProjectRole(org, { visibility: project.visibility, grants: row.grants });
  return { user: { id: row.id, name: row.name, email: row.email }, orgRole: row.orgRole, role, sources, winner };
}

async function forAccess(actor: OrgActor, projectSlug: string) {
  const db = await getDb();
  const { project, principal } = await loadProject(db, actor, projectSlug);
  authorize(principal, "project.admin");
  // Who has access and why names the organization's members, roles and teams: an outside
  // collaborator who administers the project manages its direct grants, and sees no further.
  if (!can(actor.principal, "org.view")) throw new ForbiddenError("Only members of the organization see who has access and why. You can manage this project's direct grants and invitations.");
  return { db, project };
}

/**
 * Everyone with access to the project and why (the access tab), by name: members who inherit a
 * role, direct grantees, and the members of granted teams and of every team below them. Each
 * entry's sources come from resolveProjectRole(), the function that enforces access. `source`
 * keeps those with a source of that kind. Public read for anyone is not a person: the project's
 * own view says so. Project admins. Keyset pages in one query.
 */
export async function listProjectAccess(actor: OrgActor, projectSlug: string, input: z.input<typeof accessQuery> = {}): Promise<Page<AccessEntry>> {
  const { db, project } = await forAccess(actor, projectSlug);
  const { source, cursor, limit } = parseInput(accessQuery, input);
  const after = decodeCursor(cursor, z.tuple([z.string().max(400), z.uuid()]));
  const visibility = effectiveVisibility(actor.org.visibility, project.visibility);
  const afterKey = (key: ReturnType<typeof sql>, id: ReturnType<typeof sql>) => (after ? sql`and (${key}, ${id}) > (${after[0]} collate "C", ${after[1]}::uuid)` : sql``);
  const inheritedRoles = visibility === "private" ? sql`m.role in ('owner', 'admin')` : sql`true`;
  const branches = [
    source === undefined || source === "org"
      ? sql`(select m.user_id from ${memberships} m where m.org_id = ${actor.org.id} and ${inheritedRoles} ${afterKey(sql`m.sort_key collate "C"`, sql`m.user_id`)}
             order by m.sort_key collate "C", m.user_id limit ${limit + 1})`
      : null,
    source === undefined || source === "direct" ? sql`(select g.user_id from ${projectGrants} g where g.project_id = ${project.id} and g.user_id is not null)` : null,
    source === undefined || source === "team" ? sql`(select tm.user_id from ${teamMembers} tm join granted on granted.team_id = tm.team_id)` : null,
  ].filter((b) => b !== null);
  const rows = await rawRows<AccessRow>(
    db,
    sql`with recursive granted(team_id, grant_team_id, role, path) as (
          select g.team_id, g.team_id, g.role, array[t.name]::text[] from ${projectGrants} g join ${teams} t on t.id = g.team_id where g.project_id = ${project.id}
          union all
          select c.id, granted.grant_team_id, granted.role, granted.path || c.name from granted join ${teams} c on c.parent_id = granted.team_id where cardinality(granted.path) < 64
        ),
        people(user_id) as (${sql.join(branches, sql` union `)})
        select u.id, u.name, u.email, lower(u.name) as "sortKey", m.role as "orgRole",
          (select coalesce(json_agg(f), '[]'::json) from (
             select g.role, null::json as team from ${projectGrants} g where g.project_id = ${project.id} and g.user_id = u.id
             union all
             select gr.role, json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'path', gr.path)
               from granted gr join ${teamMembers} tm on tm.team_id = gr.team_id and tm.user_id = u.id join ${teams} t on t.id = gr.grant_team_id
          ) f) as grants
        from people join ${users} u on u.id = people.user_id
        left join ${memberships} m on m.org_id = ${actor.org.id} and m.user_id = u.id
        where true ${afterKey(sql`lower(u.name) collate "C"`, sql`u.id`)}
        order by lower(u.name) collate "C", u.id
        limit ${limit + 1}`,
  );
  const items = rows
    .slice(0, limit)
    .map((row) => entryOf(actor, project, row))
    .filter((e) => e.role !== null);
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.sortKey, last.id]) : null };
}

/** "Check a person": anyone's effective role on the project and every source of it. Project admins. */
export async function checkProjectAccess(actor: OrgActor, projectSlug: string, userId: string): Promise<AccessEntry> {
  const { db, project } = await forAccess(actor, projectSlug);
  const id = z.uuid().safeParse(userId);
  const [user] = id.success ? await rawRows<{ id: string; name: string; email: string }>(db, sql`select id, name, email from ${users} where id = ${id.data}`) : [];
  if (!user) throw new NotFoundError("No such person.");
  const facts = await personFacts(db, actor.org.id, project.id, user.id);
  // Someone unrelated to the organization: only what anyone gets (public read), never who they are beyond the id asked.
  return entryOf(actor, project, { ...user, orgRole: facts.role, grants: facts.grants });
}

const csvCell = (value: string) => (/[",\n\r]|^[=+\-@\t]/.test(value) ? `"${value.replace(/^([=+\-@\t])/, "'$1").replace(/"/g, '""')}"` : value);

function describeSource(s: RoleSource) {
  const role = ROLE_LABELS.project[s.role];
  if (s.via === "org") return `${role} from organization role ${ROLE_LABELS.org[s.orgRole]}`;
  if (s.via === "direct") return `${role} granted directly`;
  if (s.via === "team") return `${role} through team ${s.path.join(" > ")}`;
  return `${role} for anyone (public)`;
}

/** The access tab as CSV (name, email, organization role, effective role, sources), every page. Project admins. */
export async function projectAccessCsv(actor: OrgActor, projectSlug: string): Promise<string> {
  const lines = ["name,email,organization role,project role,sources"];
  let cursor: string | undefined;
  do {
    const page = await listProjectAccess(actor, projectSlug, { cursor, limit: 100 });
    for (const e of page.items) {
      lines.push([e.user.name, e.user.email, e.orgRole ? ROLE_LABELS.org[e.orgRole] : "outside collaborator", e.role ? ROLE_LABELS.project[e.role] : "", e.sources.map(describeSource).join("; ")].map(csvCell).join(","));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return lines.join("\r\n") + "\r\n";
}
