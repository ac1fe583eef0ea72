import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { registryModelVersions, runs, runTokens, users } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { loadProject, type ProjectRow } from "@/lib/projects/queries";
import type { RunKind, RunStatus } from "./status";

export type RunRow = typeof runs.$inferSelect;

/** A run as lists show it. creator: who created it (through a run token: viaToken names it). */
export type RunSummary = {
  id: string;
  number: number;
  name: string;
  kind: RunKind;
  status: RunStatus;
  creator: { id: string; name: string } | null;
  viaToken: string | null;
  tags: string[];
  outputs: Record<string, unknown>;
  componentDigest: string | null;
  bytes: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  archivedAt: Date | null;
  deletedAt: Date | null;
  /** Whether a registry version was promoted from it. */
  promoted: boolean;
};

export const PROJECT_ARCHIVED = new ConflictError("This project is archived and read-only. Unarchive it first.");

/** The columns of a RunSummary, with the creator's name, the token's name and whether it was promoted. */
export const summaryColumns = {
  id: runs.id,
  number: runs.number,
  name: runs.name,
  kind: runs.kind,
  status: runs.status,
  creatorId: runs.creatorId,
  creatorName: users.name,
  viaToken: runTokens.name,
  tags: runs.tags,
  outputs: runs.outputs,
  componentDigest: runs.componentDigest,
  bytes: runs.bytes,
  createdAt: runs.createdAt,
  startedAt: runs.startedAt,
  finishedAt: runs.finishedAt,
  archivedAt: runs.archivedAt,
  deletedAt: runs.deletedAt,
  // A scalar subquery with a limit, not EXISTS: the planner may hash an EXISTS over every version
  // when it expects many rows before the page's limit; this stays one index probe per row shown.
  promoted: sql<boolean>`((select 1 from ${registryModelVersions} where ${registryModelVersions.sourceRunId} = ${runs.id} limit 1) is not null)`,
};

/** Runs with their summary columns (and the metric a list sorts by, as exact text); the caller adds where, order and limit. */
export const selectSummaries = (db: Db, metric?: SQL) =>
  db
    .select({ ...summaryColumns, sortMetric: metric ? sql<string | null>`(${metric})::text` : sql<string | null>`null` })
    .from(runs)
    .leftJoin(users, eq(users.id, runs.creatorId))
    .leftJoin(runTokens, eq(runTokens.id, runs.runTokenId));

type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

export const toSummary = ({ creatorId, creatorName, sortMetric: _metric, ...r }: SummaryRow): RunSummary => ({
  ...r,
  outputs: r.outputs as Record<string, unknown>,
  creator: creatorId ? { id: creatorId, name: creatorName ?? "" } : null,
});

export async function summariesWhere(db: Db, where: SQL | undefined): Promise<RunSummary[]> {
  const rows = await selectSummaries(db).where(where).orderBy(runs.number);
  return rows.map(toSummary);
}

/**
 * The project by slug with the caller's principal (lib/projects' loader, so run tokens get theirs).
 * `lock`: share for changes to its runs (an archive waits for them), update to number new runs.
 */
export const runsProject = (db: Db, actor: OrgActor, projectSlug: string, lock?: "update" | "share") => loadProject(db, actor, projectSlug, lock);

const number = z.coerce.number().int().min(1).max(2_000_000_000);

/** A run of the project by number (`42`, `#42`) or id; NotFound otherwise, whatever the reason. */
export async function findRun(db: Db, project: ProjectRow, ref: string | number, lock?: "update" | "share"): Promise<RunRow> {
  const text = String(ref).replace(/^#/, "");
  const byNumber = /^\d+$/.test(text) ? number.safeParse(text) : null;
  const byId = byNumber ? null : z.uuid().safeParse(text);
  const condition = byNumber?.success ? eq(runs.number, byNumber.data) : byId?.success ? eq(runs.id, byId.data) : null;
  if (!condition) throw noSuchRun(ref);
  const query = db.select().from(runs).where(and(eq(runs.projectId, project.id), condition));
  const [row] = lock === "update" ? await query.for("update") : lock === "share" ? await query.for("share") : await query;
  if (!row) throw noSuchRun(ref);
  return row;
}

const noSuchRun = (ref: string | number) => new NotFoundError(`No run ${String(ref).slice(0, 40)} in this project.`);

/**
 * What a run's audit event is about: its project (so the dashboard shows it only to who may see the
 * project), labelled with the run's number; the run's id rides in the event's values.
 */
export const runTarget = (project: ProjectRow, run: Pick<RunRow, "number">) => ({ targetType: "project", targetId: project.id, targetLabel: `${project.slug} #${run.number}` });

/** A deleted run changes no more until it is restored (or purged). */
export function assertNotDeleted(run: RunRow) {
  if (run.deletedAt) throw new ConflictError(`Run #${run.number} is deleted: restore it first.`);
}
