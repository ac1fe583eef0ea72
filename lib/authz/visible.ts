import { sql, type SQL } from "drizzle-orm";
import { projectGrants, projects, teamMembers, teams } from "@/db/schema";
import { inheritedRole } from "./effective-role";
import type { OrgPrincipal } from "./principal";
import type { ProjectRole } from "./roles";

/**
 * The rule of resolveProjectRole() as SQL over the `projects` row in scope, for lists: the highest
 * of the inherited role, the person's direct grant, their teams' grants (parent teams included) and
 * public read. project_role is declared highest first, so least() is the highest role and ignores
 * nulls. tests/integration/projects/visible-agrees.test.ts holds the two to the same answers.
 */
export function projectRoleSql(org: OrgPrincipal, userId: string | null): SQL<ProjectRole | null> {
  // A public project of a private organization counts as internal (effectiveVisibility()).
  const visibility = org.orgVisibility === "public" ? sql`${projects.visibility}::text` : sql`(case when ${projects.visibility} = 'public' then 'internal' else ${projects.visibility}::text end)`;
  const onOpen = inheritedRole(org.orgRole, "internal");
  const inherited =
    org.orgRole === "owner" || org.orgRole === "admin"
      ? sql`'admin'::project_role`
      : onOpen
        ? sql`(case when ${visibility} <> 'private' then ${onOpen}::project_role end)`
        : sql`null::project_role`;
  const publicRead = org.orgVisibility === "public" ? sql`(case when ${projects.visibility} = 'public' then 'read'::project_role end)` : sql`null::project_role`;
  const granted =
    userId && org.signedIn && !org.ssoPending
      ? sql`(select min(g.role) from ${projectGrants} g where g.project_id = ${projects.id} and (g.user_id = ${userId} or g.team_id in ${teamsOf(userId)}))`
      : sql`null::project_role`;
  return sql<ProjectRole | null>`least(${inherited}, ${granted}, ${publicRead})`;
}

/** SQL: the teams a person is on and every team above them (UNION stops even on a cycle). */
export const teamsOf = (userId: string) => sql`(
  with recursive up(id) as (
    select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${userId}
    union
    select t.parent_id from ${teams} t join up on t.id = up.id where t.parent_id is not null
  )
  select id from up)`;
