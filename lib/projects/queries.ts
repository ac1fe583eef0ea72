import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rawRows } from "@/db/raw";
import { memberships, projectGrants, projects, teamMembers, teams } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { notFound, NO_SUCH_PROJECT, projectPrincipal, runTokenPrincipal, type OrgPrincipal, type ProjectGrantFact, type ProjectPrincipal } from "@/lib/authz";
import { slugSchema } from "@/lib/orgs/schemas";

export type ProjectRow = typeof projects.$inferSelect;

/**
 * SQL: the grants of one project that reach one person, as ProjectGrantFact JSON: their direct
 * grant, and each team grant reaching them through a team they are on or one below it, with the
 * chain of team names from the granted team down to theirs.
 */
export const grantFactsSql = (projectId: ReturnType<typeof sql> | string, userId: string) => sql<ProjectGrantFact[]>`(
  with recursive mine(team_id, path) as (
    select t.id, array[t.name]::text[] from ${teamMembers} tm join ${teams} t on t.id = tm.team_id where tm.user_id = ${userId}
    union all
    select p.id, p.name || mine.path from mine join ${teams} c on c.id = mine.team_id join ${teams} p on p.id = c.parent_id where cardinality(mine.path) < 64
  )
  select coalesce(json_agg(f), '[]'::json) from (
    select g.role, null::json as team from ${projectGrants} g where g.project_id = ${projectId} and g.user_id = ${userId}
    union all
    select g.role, json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'path', mine.path)
      from ${projectGrants} g join mine on mine.team_id = g.team_id join ${teams} t on t.id = g.team_id where g.project_id = ${projectId}
  ) f)`;

/**
 * The project by slug in the actor's organization with the actor's project principal (their
 * effective role and its sources; for a run token, lib/authz's run-token principal), in one query. Nobody learns that a project they may not read
 * exists: a missing one answers as a hidden one.
 */
export async function loadProject(db: Db, actor: OrgActor, slug: string, lock?: "update" | "share"): Promise<{ project: ProjectRow; principal: ProjectPrincipal }> {
  const parsed = slugSchema.safeParse(slug);
  const viewerId = actor.viewer?.id;
  const query = db
    .select({ project: projects, grants: viewerId ? grantFactsSql(sql`${projects.id}`, viewerId) : sql<ProjectGrantFact[]>`'[]'::json` })
    .from(projects)
    .where(and(eq(projects.orgId, actor.org.id), eq(projects.slug, parsed.success ? parsed.data : "")));
  const [row] = lock ? await query.for(lock, { of: projects }) : await query;
  if (!row) throw notFound(actor.principal, NO_SUCH_PROJECT);
  const facts = { id: row.project.id, visibility: row.project.visibility, grants: row.grants };
  // A run token's grants are its creator's (the viewer): they cap the token, never widen it.
  return { project: row.project, principal: actor.principal.token?.runToken ? runTokenPrincipal(actor.principal, facts) : projectPrincipal(actor.principal, facts) };
}

/** The facts about one person (any user id) on one project: their organization role and their grants. */
export async function personFacts(db: Db, orgId: string, projectId: string, userId: string) {
  const [row] = await rawRows<{ role: OrgPrincipal["orgRole"]; grants: ProjectGrantFact[] }>(
    db,
    sql`select (select ${memberships.role} from ${memberships} where ${memberships.orgId} = ${orgId} and ${memberships.userId} = ${userId}) as role, ${grantFactsSql(projectId, userId)} as grants`,
  );
  return row;
}
