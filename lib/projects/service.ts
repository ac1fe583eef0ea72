import { and, asc, eq, gt, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { organizations, projectGrants, projects, teams } from "@/db/schema";
import { changedFields, recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, can, effectiveVisibility, gate, notFound, NO_SUCH_PROJECT, type ProjectAccess, type ProjectRole, type ProjectVisibility } from "@/lib/authz";
import { projectRoleSql } from "@/lib/authz/visible";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { releaseProjectStorage } from "@/lib/storage/breakdown";
import { loadProject, type ProjectRow } from "./queries";
import { createProjectInput, deleteProjectInput, projectListQuery, updateProjectInput } from "./schemas";

export type Project = {
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
  /** As set; effectiveVisibility is what applies (a public project of a private org counts as internal). */
  visibility: ProjectVisibility;
  effectiveVisibility: ProjectVisibility;
  archived: boolean;
  createdAt: Date;
};
export type ProjectListItem = Project & { role: ProjectRole };
/** What the viewer may do here, decided by lib/authz for the page to show or hide. */
export type ProjectAbilities = { write: boolean; admin: boolean; grant: boolean; delete: boolean };
export type ProjectDetail = Project & { role: ProjectRole; access: ProjectAccess; visibilityNote: string | null; can: ProjectAbilities };

const SLUG_TAKEN = new ConflictError("That slug is taken by another project.", { slug: "That slug is taken by another project. Choose another." });
const ARCHIVED = new ConflictError("This project is archived and read-only. Unarchive it first.");
const CAPPED_NOTE = "This organization is private, so its public projects are visible to its members only, as internal ones are.";
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const toProject = (p: ProjectRow, orgVisibility: "private" | "public"): Project => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  description: p.description,
  tags: p.tags,
  visibility: p.visibility,
  effectiveVisibility: effectiveVisibility(orgVisibility, p.visibility),
  archived: p.archivedAt !== null,
  createdAt: p.createdAt,
});

/**
 * The projects the caller may see, by slug, with their effective role on each: the same rule as
 * resolveProjectRole(), as SQL (lib/authz/visible.ts). Filters: name/slug search, visibility, a
 * team's grants, archived. Keyset pages; one query.
 */
export async function listProjects(actor: OrgActor, input: z.input<typeof projectListQuery> = {}): Promise<Page<ProjectListItem>> {
  // Outsiders of a private organization (anonymous callers included) see at most the projects
  // granted to them: a bad query or an empty answer would tell them the organization exists.
  const hidden = actor.principal.orgRole === null && actor.org.visibility === "private";
  const hide = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw hidden ? notFound(actor.principal, NO_SUCH_PROJECT) : error;
    }
  };
  const { query, visibility, team, archived, cursor, limit } = hide(() => parseInput(projectListQuery, input));
  const after = hide(() => decodeCursor(cursor, z.tuple([z.string().max(100)])));
  const role = projectRoleSql(actor.principal, actor.viewer?.id ?? null);
  const match = query ? `%${escapeLike(query.toLowerCase())}%` : null;
  const db = await getDb();
  const rows = await db
    .select({ project: projects, role })
    .from(projects)
    .where(
      and(
        eq(projects.orgId, actor.org.id),
        sql`${role} is not null`,
        match ? or(ilike(projects.name, match), ilike(projects.slug, match)) : undefined,
        visibility ? eq(projects.visibility, visibility) : undefined,
        team
          ? sql`exists (select 1 from ${projectGrants} g join ${teams} t on t.id = g.team_id where g.project_id = ${projects.id} and t.org_id = ${actor.org.id} and t.slug = ${team})`
          : undefined,
        archived === "all" ? undefined : archived === "true" ? isNotNull(projects.archivedAt) : isNull(projects.archivedAt),
        after ? gt(projects.slug, after[0]) : undefined,
      ),
    )
    .orderBy(asc(projects.slug))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ ...toProject(r.project, actor.org.visibility), role: r.role! }));
  if (hidden && !items.length) throw notFound(actor.principal, NO_SUCH_PROJECT);
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].slug]) : null };
}

/** One project as the caller sees it: their role with every source of it, and what they may do. */
export async function getProject(actor: OrgActor, projectSlug: string): Promise<ProjectDetail> {
  const { project, principal } = await loadProject(await getDb(), actor, projectSlug);
  authorize(principal, "project.read");
  const capped = project.visibility === "public" && actor.org.visibility === "private";
  return {
    ...toProject(project, actor.org.visibility),
    role: principal.projectRole!,
    access: principal.access,
    visibilityNote: capped ? CAPPED_NOTE : null,
    can: {
      write: can(principal, "project.write") && !project.archivedAt,
      admin: can(principal, "project.admin"),
      grant: can(principal, "project.grant", { role: "read" }),
      delete: can(principal, "project.read") && can(actor.principal, "project.delete", { hasGrant: principal.access.sources.some((s) => s.via === "direct" || s.via === "team") }),
    },
  };
}

/**
 * Creates a project with the organization's default visibility unless one is given. The creator
 * holds a direct admin grant, so an admin may later delete what they created (DESIGN §3).
 */
export async function createProject(actor: OrgActor, input: z.input<typeof createProjectInput>): Promise<Project> {
  gate(actor.principal, "project.create");
  const viewer = requireViewer(actor);
  const data = parseInput(createProjectInput, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.select({ defaultVisibility: organizations.defaultProjectVisibility }).from(organizations).where(eq(organizations.id, actor.org.id)).for("share");
      const visibility = data.visibility ?? org.defaultVisibility;
      const [project] = await tx
        .insert(projects)
        .values({ orgId: actor.org.id, name: data.name, slug: data.slug, description: data.description, tags: data.tags, visibility, createdBy: viewer.id })
        .returning();
      await tx.insert(projectGrants).values({ projectId: project.id, userId: viewer.id, role: "admin" });
      await recordAudit(tx, actor, { orgId: actor.org.id, action: "project.created", targetType: "project", targetId: project.id, targetLabel: project.slug, after: { name: project.name, slug: project.slug, visibility } });
      return toProject(project, actor.org.visibility);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN;
    throw error;
  }
}

/** Edits name, slug, description, tags or visibility. Project admins; not while archived. */
export async function updateProject(actor: OrgActor, projectSlug: string, input: z.input<typeof updateProjectInput>): Promise<Project> {
  const db = await getDb();
  gate((await loadProject(db, actor, projectSlug)).principal, "project.admin");
  const data = parseInput(updateProjectInput, input);
  try {
    return await db.transaction(async (tx) => {
      // The row lock orders concurrent changes: each one's "before" is the previous one's "after".
      const { project, principal } = await loadProject(tx, actor, projectSlug, "update");
      authorize(principal, "project.admin");
      if (project.archivedAt) throw ARCHIVED;
      const diff = changedFields(project, data);
      if (!diff.changed) return toProject(project, actor.org.visibility);
      const [row] = await tx.update(projects).set(diff.after).where(eq(projects.id, project.id)).returning();
      await recordAudit(tx, actor, { orgId: actor.org.id, action: "project.updated", targetType: "project", targetId: project.id, targetLabel: row.slug, before: diff.before, after: diff.after });
      return toProject(row, actor.org.visibility);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN;
    throw error;
  }
}

async function setArchived(actor: OrgActor, projectSlug: string, archive: boolean): Promise<Project> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { project, principal } = await loadProject(tx, actor, projectSlug, "update");
    authorize(principal, "project.admin");
    if ((project.archivedAt !== null) === archive) return toProject(project, actor.org.visibility);
    const [row] = await tx.update(projects).set({ archivedAt: archive ? sql`now()` : null }).where(eq(projects.id, project.id)).returning();
    await recordAudit(tx, actor, { orgId: actor.org.id, action: archive ? "project.archived" : "project.unarchived", targetType: "project", targetId: project.id, targetLabel: project.slug });
    return toProject(row, actor.org.visibility);
  });
}

/** Makes the project read-only (every grant stays); idempotent. Project admins. */
export const archiveProject = (actor: OrgActor, projectSlug: string) => setArchived(actor, projectSlug, true);
/** Makes an archived project writable again; idempotent. Project admins. */
export const unarchiveProject = (actor: OrgActor, projectSlug: string) => setArchived(actor, projectSlug, false);

/**
 * Deletes the project with its grants and runs (their bytes given back to the organization's
 * storage), once its slug is typed to confirm. Owners; admins only
 * where they hold a grant (direct or through a team).
 */
export async function deleteProject(actor: OrgActor, projectSlug: string, input: z.input<typeof deleteProjectInput>): Promise<void> {
  const db = await getDb();
  const { principal } = await loadProject(db, actor, projectSlug);
  authorize(principal, "project.read");
  gate(actor.principal, "project.delete");
  const { confirm } = parseInput(deleteProjectInput, input);
  await db.transaction(async (tx) => {
    const { project, principal: locked } = await loadProject(tx, actor, projectSlug, "update");
    authorize(actor.principal, "project.delete", { hasGrant: locked.access.sources.some((s) => s.via === "direct" || s.via === "team") });
    if (confirm.toLowerCase() !== project.slug) throw new ValidationError("The confirmation does not match.", { confirm: `Type ${project.slug} to confirm.` });
    await releaseProjectStorage(tx, actor.org.id, project.id);
    await tx.delete(projects).where(eq(projects.id, project.id));
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "project.deleted", targetType: "project", targetId: project.id, targetLabel: project.slug, before: { name: project.name, visibility: project.visibility } });
  });
}
