import { and, desc, eq, gt, isNotNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { projects, registryModels, registryModelVersions, runs } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, gate } from "@/lib/authz";
import { projectRoleSql } from "@/lib/authz/visible";
import { loadProject } from "@/lib/projects/queries";
import { releaseDeletedStorage, releaseStorage, storageUsage, type StorageUsage } from "./service";

export type ProjectUsage = { slug: string; name: string; liveBytes: number; deletedBytes: number; runs: number };
export type RunUsage = { id: string; number: number; name: string; project: { slug: string; name: string }; bytes: number; deleted: boolean };
/** What purging every deleted run would give back. */
export type PurgeReclaim = { runs: number; bytes: number };

export type StorageBreakdown = { usage: StorageUsage; registryBytes: number; projects: ProjectUsage[]; otherProjectsBytes: number; runs: RunUsage[]; purge: PurgeReclaim };

const TOP = 10;
const sum = (column: ReturnType<typeof sql>, where = sql`true`) => sql<number>`coalesce(sum(${column}) filter (where ${where}), 0)`.mapWith(Number);
const liveBytes = () => sum(sql`${runs.bytes}`, sql`${runs.deletedAt} is null`);
const deletedBytes = () => sum(sql`${runs.bytes}`, sql`${runs.deletedAt} is not null`);

/**
 * The storage page: usage against the tier, the registry's share, the largest projects and runs the
 * caller may see (projects they may not see are summed as one line, unnamed), and what a purge of
 * the deleted runs would reclaim. Every member.
 */
export async function storageBreakdown(actor: OrgActor): Promise<StorageBreakdown> {
  gate(actor.principal, "storage.view");
  const db = await getDb();
  const visible = sql<boolean>`(${projectRoleSql(actor.principal, actor.viewer?.id ?? null)} is not null)`;
  const [usage, [registry], perProject, largestRuns, [purge]] = await Promise.all([
    storageUsage(actor),
    db
      .select({ bytes: sum(sql`${registryModelVersions.bytes}`) })
      .from(registryModelVersions)
      .innerJoin(registryModels, eq(registryModels.id, registryModelVersions.modelId))
      .where(eq(registryModels.orgId, actor.org.id)),
    db
      .select({
        slug: projects.slug,
        name: projects.name,
        visible,
        liveBytes: liveBytes(),
        deletedBytes: deletedBytes(),
        runs: sql<number>`count(*)`.mapWith(Number),
      })
      .from(runs)
      .innerJoin(projects, eq(projects.id, runs.projectId))
      .where(eq(runs.orgId, actor.org.id))
      .groupBy(projects.id),
    db
      .select({ id: runs.id, number: runs.number, name: runs.name, slug: projects.slug, projectName: projects.name, bytes: runs.bytes, deletedAt: runs.deletedAt })
      .from(runs)
      .innerJoin(projects, eq(projects.id, runs.projectId))
      .where(and(eq(runs.orgId, actor.org.id), gt(runs.bytes, 0), visible))
      .orderBy(desc(runs.bytes))
      .limit(TOP),
    db
      .select({ runs: sql<number>`count(*)`.mapWith(Number), bytes: sum(sql`${runs.bytes}`) })
      .from(runs)
      .where(and(eq(runs.orgId, actor.org.id), isNotNull(runs.deletedAt))),
  ]);
  const shown = perProject.filter((p) => p.visible).sort((a, b) => b.liveBytes + b.deletedBytes - (a.liveBytes + a.deletedBytes));
  return {
    usage,
    registryBytes: registry.bytes,
    projects: shown.slice(0, TOP).map(({ visible: _v, ...p }) => p),
    otherProjectsBytes: perProject.filter((p) => !p.visible).reduce((n, p) => n + p.liveBytes + p.deletedBytes, 0),
    runs: largestRuns.map((r) => ({ id: r.id, number: r.number, name: r.name, project: { slug: r.slug, name: r.projectName }, bytes: r.bytes, deleted: r.deletedAt !== null })),
    purge,
  };
}

/** One project's usage: live and deleted-but-not-purged bytes, and its largest runs. Project read. */
export async function projectStorage(actor: OrgActor, projectSlug: string): Promise<ProjectUsage & { largestRuns: RunUsage[] }> {
  const db = await getDb();
  const { project, principal } = await loadProject(db, actor, projectSlug);
  authorize(principal, "run.view");
  const [[totals], largest] = await Promise.all([
    db
      .select({
        liveBytes: liveBytes(),
        deletedBytes: deletedBytes(),
        runs: sql<number>`count(*)`.mapWith(Number),
      })
      .from(runs)
      .where(eq(runs.projectId, project.id)),
    db
      .select({ id: runs.id, number: runs.number, name: runs.name, bytes: runs.bytes, deletedAt: runs.deletedAt })
      .from(runs)
      .where(and(eq(runs.projectId, project.id), gt(runs.bytes, 0)))
      .orderBy(desc(runs.bytes))
      .limit(TOP),
  ]);
  return {
    slug: project.slug,
    name: project.name,
    ...totals,
    largestRuns: largest.map((r) => ({ id: r.id, number: r.number, name: r.name, project: { slug: project.slug, name: project.name }, bytes: r.bytes, deleted: r.deletedAt !== null })),
  };
}

/**
 * Gives back a project's run bytes (live and deleted) when the project is deleted, in the deleting
 * transaction, before its runs go with it: the ledger stays the sum of what is stored.
 */
export async function releaseProjectStorage(tx: Db, orgId: string, projectId: string) {
  const [totals] = await tx
    .select({ live: liveBytes(), deleted: deletedBytes() })
    .from(runs)
    .where(eq(runs.projectId, projectId));
  await releaseStorage(tx, orgId, totals.live);
  await releaseDeletedStorage(tx, orgId, totals.deleted);
}
