import { asc, eq, isNotNull, and } from "drizzle-orm";
import { getDb } from "@/db/client";
import { projectGrants, teams, users } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, can, type ProjectRole } from "@/lib/authz";
import { loadProject } from "./queries";

export type ProjectGrants = {
  people: { user: { id: string; name: string; email: string }; role: ProjectRole }[];
  teams: { team: { id: string; slug: string; name: string }; role: ProjectRole }[];
};

/**
 * The grants themselves (not who they reach): each person and team given a role on the project, by
 * name, for the access tab's controls. A team with nobody on it has a grant here and no one in the
 * access list. Project admins; the first 500 of each. Teams are the organization's: an outside
 * collaborator who administers the project sees the people with direct access only.
 */
export async function listProjectGrants(actor: OrgActor, projectSlug: string): Promise<ProjectGrants> {
  const db = await getDb();
  const { project, principal } = await loadProject(db, actor, projectSlug);
  authorize(principal, "project.admin");
  const [people, teamGrants] = await Promise.all([
    db
      .select({ user: { id: users.id, name: users.name, email: users.email }, role: projectGrants.role })
      .from(projectGrants)
      .innerJoin(users, eq(users.id, projectGrants.userId))
      .where(and(eq(projectGrants.projectId, project.id), isNotNull(projectGrants.userId)))
      .orderBy(asc(users.name), asc(users.id))
      .limit(500),
    !can(actor.principal, "org.view")
      ? []
      : db
          .select({ team: { id: teams.id, slug: teams.slug, name: teams.name }, role: projectGrants.role })
          .from(projectGrants)
          .innerJoin(teams, eq(teams.id, projectGrants.teamId))
          .where(eq(projectGrants.projectId, project.id))
          .orderBy(asc(teams.slug))
          .limit(500),
  ]);
  return { people, teams: teamGrants };
}
