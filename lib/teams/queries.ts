import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { organizations, teamMembers, teams } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, teamPrincipal, type TeamPrincipal, type TeamRole } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";

export const NO_SUCH_TEAM = "No such team.";

/**
 * Locks the organization row: FOR UPDATE when the team structure changes (parents), FOR SHARE when
 * someone is added to a team or granted a project, so a concurrent removal from the organization
 * (which takes it FOR UPDATE in lib/members) is decided either wholly before or wholly after.
 */
export async function lockOrg(tx: Db, orgId: string, mode: "update" | "share") {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for(mode);
}

export type TeamRow = typeof teams.$inferSelect;

/** The team by slug in the actor's organization, with the actor's team principal; NotFound otherwise. */
export async function loadTeam(db: Db, actor: OrgActor, slug: string, lock?: "update" | "share"): Promise<{ team: TeamRow; principal: TeamPrincipal; viewerRole: TeamRole | null }> {
  // Teams are seen by whoever sees the organization: nobody else learns whether a team exists.
  authorize(actor.principal, "org.view");
  const valid = z.string().max(100).safeParse(slug);
  const query = db
    .select({ team: teams, viewerRole: teamMembers.role })
    .from(teams)
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, actor.viewer?.id ?? sql`null::uuid`)))
    .where(and(eq(teams.orgId, actor.org.id), eq(teams.slug, valid.success ? valid.data.toLowerCase() : "")));
  const [row] = lock ? await query.for(lock, { of: teams }) : await query;
  if (!row) throw new NotFoundError(NO_SUCH_TEAM);
  return { team: row.team, viewerRole: row.viewerRole, principal: teamPrincipal(actor.principal, row.viewerRole) };
}

/** SQL: the ids of this team and of every team above it (the teams whose grants its members receive). */
export const selfAndAncestors = (teamId: string | ReturnType<typeof sql>) => sql`(
  with recursive up(id, parent_id) as (
    select id, parent_id from ${teams} where id = ${teamId}
    union all
    select t.id, t.parent_id from ${teams} t join up on t.id = up.parent_id
  )
  select id from up)`;
