import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { runArtifacts, runs } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, gate } from "@/lib/authz";
import { ConflictError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { chargeStorage } from "@/lib/storage/service";
import { assertNotDeleted, findRun, PROJECT_ARCHIVED, runsProject, runTarget } from "./queries";
import { addArtifactsInput, artifactListQuery } from "./schemas";

export type RunArtifact = { path: string; kind: string; size: number; digest: string; direction: "input" | "output"; createdAt: Date };

export const artifactColumns = {
  path: runArtifacts.path,
  kind: runArtifacts.kind,
  size: runArtifacts.size,
  digest: runArtifacts.digest,
  direction: runArtifacts.direction,
  createdAt: runArtifacts.createdAt,
};

/**
 * Records up to 1,000 artifacts of a run in one transaction, their bytes charged to the
 * organization's storage in that same transaction (under its lock): past the tier, a
 * StorageLimitError and nothing is written. An artifact already recorded with the same digest,
 * size and kind is skipped (a retried request is harmless); a different one at the same path is a
 * conflict. Project write and run tokens.
 */
export async function addArtifacts(actor: OrgActor, projectSlug: string, runRef: string, input: z.input<typeof addArtifactsInput>) {
  const db = await getDb();
  gate((await runsProject(db, actor, projectSlug)).principal, "run.update");
  const { artifacts } = parseInput(addArtifactsInput, input);
  return db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "share");
    authorize(principal, "run.update");
    if (project.archivedAt) throw PROJECT_ARCHIVED;
    const run = await findRun(tx, project, runRef, "update");
    assertNotDeleted(run);
    const existing = await tx
      .select(artifactColumns)
      .from(runArtifacts)
      .where(and(eq(runArtifacts.runId, run.id), inArray(runArtifacts.path, artifacts.map((a) => a.path))));
    const known = new Map(existing.map((a) => [`${a.direction}\0${a.path}`, a]));
    const fresh = artifacts.filter((a) => {
      const old = known.get(`${a.direction}\0${a.path}`);
      if (!old) return true;
      if (old.digest === a.digest && old.size === a.size && old.kind === a.kind) return false;
      throw new ConflictError(`Run #${run.number} already has ${a.direction} ${a.path} with another digest or size: artifacts are immutable; use another path.`);
    });
    const bytes = fresh.reduce((sum, a) => sum + a.size, 0);
    if (fresh.length) {
      await chargeStorage(tx, actor.org.id, bytes);
      await tx.insert(runArtifacts).values(fresh.map((a) => ({ ...a, runId: run.id, projectId: project.id })));
      await tx.update(runs).set({ bytes: sql`${runs.bytes} + ${bytes}` }).where(eq(runs.id, run.id));
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: "run.artifacts_added",
        ...runTarget(project, run),
        after: { run: run.id, artifacts: fresh.length, bytes },
      });
    }
    return { added: fresh.length, skipped: artifacts.length - fresh.length, bytes, runBytes: run.bytes + bytes };
  });
}

/** A run's artifacts by path (inputs and outputs, or one direction), keyset pages. Project read. */
export async function listArtifacts(actor: OrgActor, projectSlug: string, runRef: string, query: z.input<typeof artifactListQuery> = {}): Promise<Page<RunArtifact>> {
  const db = await getDb();
  const { project, principal } = await runsProject(db, actor, projectSlug);
  authorize(principal, "run.view");
  const { direction, cursor, limit } = parseInput(artifactListQuery, query);
  const after = decodeCursor(cursor, z.tuple([z.string().max(1000), z.enum(["input", "output"])]));
  const run = await findRun(db, project, runRef);
  const rows = await db
    .select(artifactColumns)
    .from(runArtifacts)
    .where(
      and(
        eq(runArtifacts.runId, run.id),
        direction ? eq(runArtifacts.direction, direction) : undefined,
        after ? sql`(${runArtifacts.path} collate "C", ${runArtifacts.direction}) > (${after[0]} collate "C", ${after[1]}::artifact_direction)` : undefined,
      ),
    )
    .orderBy(sql`${runArtifacts.path} collate "C"`, asc(runArtifacts.direction))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.path, last.direction]) : null };
}
