import { and, arrayContains, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { projects, registryModels, registryModelVersions, runArtifacts, runConditions, runLineage, runMetricSql, runs } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, can, type ProjectPrincipal } from "@/lib/authz";
import { projectRoleSql } from "@/lib/authz/visible";
import { parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import type { ProjectRow } from "@/lib/projects/queries";
import { artifactColumns, type RunArtifact } from "./artifacts";
import { findRun, runsProject, selectSummaries, summariesWhere, toSummary, type RunRow, type RunSummary } from "./queries";
import { runListQuery } from "./schemas";
import type { RunStatus } from "./status";

/** A run at the other end of a lineage edge; hidden when it lives in a project the caller may not read. */
export type RunLink = { id: string; number: number; name: string; status: RunStatus; project: { slug: string; name: string } } | { id: null; hidden: true };
export type RunCondition = { from: RunStatus | null; to: RunStatus; reason: string; actor: string | null; at: Date };
export type RunPromotion = { model: string; version: number; createdAt: Date };
/** What the caller may do with the run, decided by lib/authz, for the page to show or hide. */
export type RunAbilities = { update: boolean; stop: boolean; tag: boolean; archive: boolean; delete: boolean; purge: boolean; promote: boolean };
export type RunDetail = RunSummary & {
  description: string;
  inputs: Record<string, unknown>;
  /** The first 200 artifacts by path; artifactCount says how many there are (…/artifacts pages through all). */
  artifacts: RunArtifact[];
  artifactCount: number;
  upstream: RunLink[];
  downstream: RunLink[];
  conditions: RunCondition[];
  promotions: RunPromotion[];
  project: { slug: string; name: string; archived: boolean };
  can: RunAbilities;
};

/**
 * A project's runs: filtered by status, kind, tag and creator; newest first (or oldest), or by a
 * summary metric (runs reporting it, keyset on (metric, id)); archived and deleted ones on request.
 * Keyset pages: the request costs the actor's query, the project's and this one. Project read.
 */
export async function listRuns(actor: OrgActor, projectSlug: string, input: z.input<typeof runListQuery> = {}): Promise<Page<RunSummary>> {
  const db = await getDb();
  const { project, principal } = await runsProject(db, actor, projectSlug);
  authorize(principal, "run.view");
  const q = parseInput(runListQuery, input);
  const byMetric = q.sort.endsWith("metric");
  const ascending = !q.sort.startsWith("-");
  const metric = byMetric ? runMetricSql(runs.outputs, q.metric!) : null;
  const creator = q.creator === "me" ? (actor.viewer?.id ?? null) : q.creator;
  const filters = and(
    eq(runs.projectId, project.id),
    q.deleted === "true" ? isNotNull(runs.deletedAt) : isNull(runs.deletedAt),
    q.archived === "all" ? undefined : q.archived === "true" ? isNotNull(runs.archivedAt) : isNull(runs.archivedAt),
    q.status?.length ? inArray(runs.status, q.status) : undefined,
    q.kind ? eq(runs.kind, q.kind) : undefined,
    q.tag ? arrayContains(runs.tags, [q.tag]) : undefined,
    q.creator ? (creator ? eq(runs.creatorId, creator) : sql`false`) : undefined,
    metric ? sql`${metric} is not null` : undefined,
  );
  const cmp = ascending ? sql.raw(">") : sql.raw("<");
  let keyset;
  let order;
  if (metric) {
    const after = decodeCursor(q.cursor, z.tuple([z.string().regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i).max(100), z.uuid()]));
    keyset = after ? sql`(${metric}, ${runs.id}) ${cmp} (${after[0]}::numeric, ${after[1]}::uuid)` : undefined;
    order = ascending ? [asc(metric), asc(runs.id)] : [desc(metric), desc(runs.id)];
  } else {
    const after = decodeCursor(q.cursor, z.tuple([z.coerce.number().int().min(0).max(2_000_000_000)]));
    keyset = after ? sql`${runs.number} ${cmp} ${after[0]}` : undefined;
    order = [ascending ? asc(runs.number) : desc(runs.number)];
  }
  const rows = await selectSummaries(db, metric ?? undefined)
    .where(and(filters, keyset))
    .orderBy(...order)
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit ? encodeCursor(metric ? [last.sortMetric!, last.id] : [String(last.number)]) : null;
  return { items: page.map(toSummary), nextCursor };
}

/** Lineage one way: the runs above (upstream) or below (downstream) this one, hidden when their project is not readable. */
async function links(db: Db, actor: OrgActor, runId: string, way: "upstream" | "downstream"): Promise<RunLink[]> {
  const [near, far] = way === "upstream" ? [runLineage.downstreamRunId, runLineage.upstreamRunId] : [runLineage.upstreamRunId, runLineage.downstreamRunId];
  const token = actor.principal.token?.runToken;
  const readable = token ? sql`${runs.projectId} = ${token.projectId}` : sql`${projectRoleSql(actor.principal, actor.viewer?.id ?? null)} is not null`;
  const rows = await db
    .select({ id: runs.id, number: runs.number, name: runs.name, status: runs.status, slug: projects.slug, projectName: projects.name, readable: sql<boolean>`${readable}` })
    .from(runLineage)
    .innerJoin(runs, eq(runs.id, far))
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(eq(near, runId))
    .orderBy(projects.slug, runs.number)
    .limit(200);
  return rows.map((r) => (r.readable ? { id: r.id, number: r.number, name: r.name, status: r.status, project: { slug: r.slug, name: r.projectName } } : { id: null, hidden: true }));
}

function abilities(actor: OrgActor, principal: ProjectPrincipal, project: ProjectRow, run: RunRow): RunAbilities {
  const open = !project.archivedAt && !run.deletedAt;
  const own = run.creatorId !== null && run.creatorId === actor.viewer?.id;
  const mayDelete = can(principal, own ? "run.delete.own" : "run.delete.any") && !project.archivedAt;
  return {
    update: open && can(principal, "run.update"),
    stop: open && can(principal, "run.stop"),
    tag: open && can(principal, "run.tag"),
    archive: open && can(principal, "run.archive"),
    delete: mayDelete,
    purge: !project.archivedAt && run.deletedAt !== null && can(principal, "run.purge"),
    promote: !run.deletedAt && can(actor.principal, "registry.promote"),
  };
}

/**
 * One run with its inputs, outputs, artifacts, lineage both ways, status history and the registry
 * versions promoted from it, and what the caller may do. Project read (deleted runs too, for the trash).
 */
export async function getRun(actor: OrgActor, projectSlug: string, runRef: string): Promise<RunDetail> {
  const db = await getDb();
  const { project, principal } = await runsProject(db, actor, projectSlug);
  authorize(principal, "run.view");
  const run = await findRun(db, project, runRef);
  const [[summary], artifacts, [{ count }], upstream, downstream, conditions, promotions] = await Promise.all([
    summariesWhere(db, eq(runs.id, run.id)),
    db.select(artifactColumns).from(runArtifacts).where(eq(runArtifacts.runId, run.id)).orderBy(sql`${runArtifacts.path} collate "C"`, asc(runArtifacts.direction)).limit(200),
    db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(runArtifacts).where(eq(runArtifacts.runId, run.id)),
    links(db, actor, run.id, "upstream"),
    links(db, actor, run.id, "downstream"),
    db
      .select({ from: runConditions.from, to: runConditions.to, reason: runConditions.reason, actor: runConditions.actorName, at: runConditions.at })
      .from(runConditions)
      .where(eq(runConditions.runId, run.id))
      .orderBy(asc(runConditions.id))
      .limit(500),
    db
      .select({ model: registryModels.name, version: registryModelVersions.number, createdAt: registryModelVersions.createdAt })
      .from(registryModelVersions)
      .innerJoin(registryModels, eq(registryModels.id, registryModelVersions.modelId))
      .where(eq(registryModelVersions.sourceRunId, run.id))
      .orderBy(asc(registryModelVersions.createdAt)),
  ]);
  return {
    ...summary,
    description: run.description,
    inputs: run.inputs as Record<string, unknown>,
    artifacts,
    artifactCount: count,
    upstream,
    downstream,
    conditions,
    promotions,
    project: { slug: project.slug, name: project.name, archived: project.archivedAt !== null },
    can: abilities(actor, principal, project, run),
  };
}
