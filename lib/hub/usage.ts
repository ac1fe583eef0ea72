import { and, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { hubComponents, hubComponentVersions, projects, runs } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { can, gate } from "@/lib/authz";
import { projectRoleSql } from "@/lib/authz/visible";
import { NotFoundError } from "@/lib/errors";
import { entryName } from "@/lib/pointers/schemas";
import type { RunStatus } from "@/lib/runs/status";

export type VersionRun = { number: number; name: string; status: RunStatus; project: { slug: string; name: string }; createdAt: Date };
/** Per version number: how many runs the caller may see ran it, and the latest of them. */
export type VersionUsage = Record<number, { runs: number; latest: VersionRun[] }>;

const LATEST = 5;

/**
 * Which runs used each version of a component (the reverse index on runs.component_digest), counted
 * only in projects the caller may read; deleted runs are left out. Two queries, whatever the number of versions.
 */
export async function componentUsage(actor: OrgActor, name: string): Promise<VersionUsage> {
  gate(actor.principal, "hub.view");
  const parsed = entryName.safeParse(name);
  if (!parsed.success) throw new NotFoundError("No component by that name in this organization.");
  const db = await getDb();
  const digests = db
    .select({ digest: hubComponentVersions.digest })
    .from(hubComponentVersions)
    .innerJoin(hubComponents, eq(hubComponents.id, hubComponentVersions.componentId))
    .where(and(eq(hubComponents.orgId, actor.org.id), eq(hubComponents.name, parsed.data)));
  const where = and(
    eq(runs.orgId, actor.org.id),
    inArray(runs.componentDigest, digests),
    isNull(runs.deletedAt),
    sql`${projectRoleSql(actor.principal, actor.viewer?.id ?? null)} is not null`,
  );
  const version = sql<number>`(select ${hubComponentVersions.number} from ${hubComponentVersions} join ${hubComponents} on ${hubComponents.id} = ${hubComponentVersions.componentId} where ${hubComponents.orgId} = ${actor.org.id} and ${hubComponents.name} = ${parsed.data} and ${hubComponentVersions.digest} = ${runs.componentDigest})`.mapWith(Number);
  const ranked = db
    .select({ version: version.as("version"), number: runs.number, name: runs.name, status: runs.status, slug: projects.slug, projectName: sql<string>`${projects.name}`.as("project_name"), createdAt: runs.createdAt, rank: sql<number>`row_number() over (partition by ${runs.componentDigest} order by ${runs.createdAt} desc)`.mapWith(Number).as("rank") })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(where)
    .as("ranked");
  const [counts, latest] = await Promise.all([
    db.select({ version, runs: sql<number>`count(*)`.mapWith(Number) }).from(runs).innerJoin(projects, eq(projects.id, runs.projectId)).where(where).groupBy(runs.componentDigest),
    db
      .select()
      .from(ranked)
      .where(lte(ranked.rank, LATEST))
      .orderBy(desc(ranked.createdAt)),
  ]);
  const usage: VersionUsage = {};
  for (const c of counts) usage[c.version] = { runs: c.runs, latest: [] };
  for (const r of latest) usage[r.version]?.latest.push({ number: r.number, name: r.name, status: r.status, project: { slug: r.slug, name: r.projectName }, createdAt: r.createdAt });
  return usage;
}

/** The component version a run ran, found by its digest: null for whoever may not see the hub, or when no component has it. */
export async function componentOfDigest(actor: OrgActor, digest: string): Promise<{ name: string; version: number } | null> {
  if (!can(actor.principal, "hub.view")) return null;
  const db = await getDb();
  const [row] = await db
    .select({ name: hubComponents.name, version: hubComponentVersions.number })
    .from(hubComponentVersions)
    .innerJoin(hubComponents, eq(hubComponents.id, hubComponentVersions.componentId))
    .where(and(eq(hubComponents.orgId, actor.org.id), eq(hubComponentVersions.digest, digest)))
    .limit(1);
  return row ?? null;
}
