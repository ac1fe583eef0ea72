import { and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { projectGrants, projects, teamMembers, teams } from "@/db/schema";
import { changedFields, recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, can, gate, type TeamRole } from "@/lib/authz";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { loadTeam, lockOrg, selfAndAncestors, type TeamRow } from "./queries";
import { createTeamInput, teamListQuery, updateTeamInput } from "./schemas";

export type TeamRef = { id: string; slug: string; name: string };
export type Team = TeamRef & { description: string; parent: TeamRef | null; createdAt: Date };
export type TeamListItem = Team & { members: number; projects: number };
/** What the viewer may do on this team, decided by lib/authz for the page to show or hide. */
export type TeamAbilities = { edit: boolean; manageMembers: boolean; delete: boolean };
export type TeamDetail = Team & { children: TeamRef[]; viewerRole: TeamRole | null; can: TeamAbilities };

const SLUG_TAKEN = new ConflictError("That slug is taken by another team.", { slug: "That slug is taken by another team. Choose another." });
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const parentTeam = sql<TeamRef | null>`(select json_build_object('id', p.id, 'slug', p.slug, 'name', p.name) from ${teams} p where p.id = ${teams.parentId})`;
const teamColumns = { id: teams.id, slug: teams.slug, name: teams.name, description: teams.description, parent: parentTeam, createdAt: teams.createdAt };

/** Teams of the organization by slug, with member and project counts; search by name or slug. Keyset pages. */
export async function listTeams(actor: OrgActor, input: z.input<typeof teamListQuery> = {}): Promise<Page<TeamListItem>> {
  authorize(actor.principal, "org.view");
  const { query, cursor, limit } = parseInput(teamListQuery, input);
  const after = decodeCursor(cursor, z.tuple([z.string().max(100)]));
  const db = await getDb();
  const match = query ? `%${escapeLike(query.toLowerCase())}%` : null;
  const rows = await db
    .select({
      ...teamColumns,
      members: sql<number>`(select count(*) from ${teamMembers} m where m.team_id = ${teams.id})::int`,
      projects: sql<number>`(select count(*) from ${projectGrants} g where g.team_id = ${teams.id})::int`,
    })
    .from(teams)
    .where(and(eq(teams.orgId, actor.org.id), match ? or(ilike(teams.name, match), ilike(teams.slug, match)) : undefined, after ? gt(teams.slug, after[0]) : undefined))
    .orderBy(asc(teams.slug))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].slug]) : null };
}

/** One team: details, parent, child teams, and what the viewer may do with it. */
export async function getTeam(actor: OrgActor, teamSlug: string): Promise<TeamDetail> {
  authorize(actor.principal, "org.view");
  const db = await getDb();
  const { team, principal, viewerRole } = await loadTeam(db, actor, teamSlug);
  const [[parent], children] = await Promise.all([
    team.parentId ? db.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).where(eq(teams.id, team.parentId)) : [undefined],
    db.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).where(eq(teams.parentId, team.id)).orderBy(asc(teams.slug)).limit(200),
  ]);
  return {
    ...summary(team, parent ?? null),
    children,
    viewerRole,
    can: {
      edit: can(principal, "team.update"),
      manageMembers: can(principal, "team.members.manage"),
      delete: can(actor.principal, "team.delete", { isTeamMember: viewerRole !== null }),
    },
  };
}

const summary = (t: TeamRow, parent: TeamRef | null): Team => ({ id: t.id, slug: t.slug, name: t.name, description: t.description, parent, createdAt: t.createdAt });

/**
 * The parent a team may take: a team of the same organization that is not the team itself nor
 * below it (a cycle). Called under the organization's lock, so two moves cannot build a cycle together.
 */
async function resolveParent(tx: Db, orgId: string, parentSlug: string | null, teamId?: string): Promise<TeamRef | null> {
  if (!parentSlug) return null;
  const [parent] = await tx.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).where(and(eq(teams.orgId, orgId), eq(teams.slug, parentSlug)));
  if (!parent) throw new ValidationError("Please correct the highlighted fields.", { parent: "No team by that slug in this organization." });
  if (teamId) {
    const [cycle] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.id, teamId), sql`${teams.id} in ${selfAndAncestors(parent.id)}`));
    if (cycle) throw new ValidationError("Please correct the highlighted fields.", { parent: "A team cannot sit inside itself or inside one of its own child teams." });
  }
  return parent;
}

/** Creates a team; its creator becomes its first maintainer. Owners and admins. */
export async function createTeam(actor: OrgActor, input: z.input<typeof createTeamInput>): Promise<Team> {
  gate(actor.principal, "team.create");
  const viewer = requireViewer(actor);
  const data = parseInput(createTeamInput, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await lockOrg(tx, actor.org.id, "update");
      const parent = await resolveParent(tx, actor.org.id, data.parent);
      const [team] = await tx
        .insert(teams)
        .values({ orgId: actor.org.id, name: data.name, slug: data.slug, description: data.description, parentId: parent?.id ?? null, createdBy: viewer.id })
        .returning();
      await tx.insert(teamMembers).values({ teamId: team.id, userId: viewer.id, role: "maintainer" });
      await recordAudit(tx, actor, { orgId: actor.org.id, action: "team.created", targetType: "team", targetId: team.id, targetLabel: team.slug, after: { name: team.name, slug: team.slug, parent: parent?.slug ?? null } });
      return summary(team, parent);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN;
    throw error;
  }
}

/** Edits name, slug, description or parent. Maintainers of the team, owners and admins. */
export async function updateTeam(actor: OrgActor, teamSlug: string, input: z.input<typeof updateTeamInput>): Promise<Team> {
  const db = await getDb();
  gate((await loadTeam(db, actor, teamSlug)).principal, "team.update");
  const data = parseInput(updateTeamInput, input);
  try {
    return await db.transaction(async (tx) => {
      await lockOrg(tx, actor.org.id, "update");
      const { team, principal } = await loadTeam(tx, actor, teamSlug, "update");
      authorize(principal, "team.update");
      const parent = data.parent === undefined ? undefined : await resolveParent(tx, actor.org.id, data.parent, team.id);
      const next = { name: data.name, slug: data.slug, description: data.description, parentId: parent === undefined ? undefined : (parent?.id ?? null) };
      const diff = changedFields(team, next);
      let row = team;
      if (diff.changed) {
        [row] = await tx.update(teams).set(diff.after).where(eq(teams.id, team.id)).returning();
        await recordAudit(tx, actor, { orgId: actor.org.id, action: "team.updated", targetType: "team", targetId: team.id, targetLabel: row.slug, before: diff.before, after: diff.after });
      }
      const [current] = row.parentId ? await tx.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).where(eq(teams.id, row.parentId)) : [];
      return summary(row, current ?? null);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN;
    throw error;
  }
}

/**
 * Deletes a team with its memberships and project grants; child teams move to the top level.
 * Owners; admins only when they are on the team (DESIGN §3).
 */
export async function deleteTeam(actor: OrgActor, teamSlug: string): Promise<void> {
  gate(actor.principal, "team.delete");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await lockOrg(tx, actor.org.id, "update");
    const { team, viewerRole } = await loadTeam(tx, actor, teamSlug, "update");
    authorize(actor.principal, "team.delete", { isTeamMember: viewerRole !== null });
    const grants = await tx.$count(projectGrants, eq(projectGrants.teamId, team.id));
    await tx.delete(teams).where(eq(teams.id, team.id));
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "team.deleted", targetType: "team", targetId: team.id, targetLabel: team.slug, before: { name: team.name, slug: team.slug, grants } });
  });
}

export type TeamProject = { id: string; slug: string; name: string; visibility: string; archived: boolean; role: string; via: TeamRef };

/**
 * The projects a team's members receive through it: its own grants and those of every team above
 * it, with the role and the team that holds the grant (the highest role per project).
 */
export async function listTeamProjects(actor: OrgActor, teamSlug: string): Promise<TeamProject[]> {
  authorize(actor.principal, "org.view");
  const db = await getDb();
  const { team } = await loadTeam(db, actor, teamSlug);
  const rows = await db
    .selectDistinctOn([projects.slug], {
      id: projects.id,
      slug: projects.slug,
      name: projects.name,
      visibility: projects.visibility,
      archivedAt: projects.archivedAt,
      role: projectGrants.role,
      via: { id: teams.id, slug: teams.slug, name: teams.name },
    })
    .from(projectGrants)
    .innerJoin(projects, eq(projects.id, projectGrants.projectId))
    .innerJoin(teams, eq(teams.id, projectGrants.teamId))
    .where(sql`${projectGrants.teamId} in ${selfAndAncestors(team.id)}`)
    .orderBy(asc(projects.slug), asc(projectGrants.role))
    .limit(500);
  return rows.map(({ archivedAt, ...r }) => ({ ...r, archived: archivedAt !== null }));
}
