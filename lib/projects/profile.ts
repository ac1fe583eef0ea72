import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { projects } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { notFound, NO_SUCH_ORG } from "@/lib/authz";

export type PublicProfile = {
  name: string;
  slug: string;
  description: string;
  website: string;
  projects: { slug: string; name: string; description: string; tags: string[] }[];
};

/**
 * What a public organization shows anyone, signed in or not: its name, description, website and
 * public projects (the first 100 by slug). A private organization is a 404 to whoever is not a member.
 */
export async function getPublicProfile(actor: OrgActor): Promise<PublicProfile> {
  if (actor.org.visibility !== "public" && actor.principal.orgRole === null) throw notFound(actor.principal, NO_SUCH_ORG);
  const db = await getDb();
  const rows = await db
    .select({ slug: projects.slug, name: projects.name, description: projects.description, tags: projects.tags })
    .from(projects)
    .where(and(eq(projects.orgId, actor.org.id), eq(projects.visibility, "public")))
    .orderBy(asc(projects.slug))
    .limit(100);
  // A private organization's public projects count as internal: its members see no public list.
  const shown = actor.org.visibility === "public" ? rows : [];
  return { name: actor.org.name, slug: actor.org.slug, description: actor.org.description, website: actor.org.website, projects: shown };
}
