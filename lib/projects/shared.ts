import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organizations, projectGrants, projects } from "@/db/schema";
import { requireViewer, type Actor } from "@/lib/auth/context";
import type { ProjectRole } from "@/lib/authz";

export type SharedProject = { org: { slug: string; name: string }; project: { slug: string; name: string }; role: ProjectRole };

/**
 * The projects the signed-in person collaborates on from outside (a direct grant in an organization
 * they do not belong to), so an outside collaborator can find them again: each with the
 * organization's name, the project and their role. The first 100, by organization and project.
 */
export async function listSharedProjects(actor: Actor): Promise<SharedProject[]> {
  const viewer = requireViewer(actor);
  const db = await getDb();
  return db
    .select({ org: { slug: organizations.slug, name: organizations.name }, project: { slug: projects.slug, name: projects.name }, role: projectGrants.role })
    .from(projectGrants)
    .innerJoin(projects, eq(projects.id, projectGrants.projectId))
    .innerJoin(organizations, and(eq(organizations.id, projects.orgId), isNull(organizations.deletedAt)))
    .where(
      and(
        eq(projectGrants.userId, viewer.id),
        sql`not exists (select 1 from ${memberships} m where m.org_id = ${organizations.id} and m.user_id = ${viewer.id})`,
      ),
    )
    .orderBy(asc(organizations.slug), asc(projects.slug))
    .limit(100);
}
