import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { runArtifacts, runs } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, gate, type Action, type ProjectPrincipal } from "@/lib/authz";
import { AppError, ConflictError, ValidationError, parseInput } from "@/lib/errors";
import type { ProjectRow } from "@/lib/projects/queries";
import { moveStorage, releaseDeletedStorage } from "@/lib/storage/service";
import { assertNotDeleted, findRun, PROJECT_ARCHIVED, runsProject, runTarget, summariesWhere, type RunRow, type RunSummary } from "./queries";
import { bulkInput, stopRunInput, tagRunInput, type BulkAction } from "./schemas";
import { appendCondition } from "./service";
import { isFinal } from "./status";

type RunAction = Extract<Action, `run.${string}`>;
type Step = { project: ProjectRow; principal: ProjectPrincipal; run: RunRow };

/**
 * One action on one run in its own transaction: the project (share-locked, so archiving it waits),
 * the caller's permission for it, the run locked. `decide` names the rule once the run is known
 * (deleting: one's own or anyone's). The change returns what the audit event records, or null
 * when there was nothing to do (idempotent repeats write nothing).
 */
async function onRun(
  actor: OrgActor,
  projectSlug: string,
  runRef: string | number,
  decide: (run: RunRow) => RunAction,
  change: (tx: Db, step: Step) => Promise<{ action: string; before?: Record<string, unknown>; after?: Record<string, unknown> } | null>,
): Promise<RunSummary> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "share");
    const run = await findRunOrHide(tx, principal, project, runRef);
    authorize(principal, decide(run));
    if (project.archivedAt) throw PROJECT_ARCHIVED;
    const event = await change(tx, { project, principal, run });
    if (event) await recordAudit(tx, actor, { orgId: actor.org.id, ...runTarget(project, run), ...event, after: { run: run.id, ...event.after } });
    return (await summariesWhere(tx, eq(runs.id, run.id)))[0];
  });
}

/** Whoever may not read the project learns nothing about its runs: the project's refusal first. */
async function findRunOrHide(tx: Db, principal: ProjectPrincipal, project: ProjectRow, runRef: string | number) {
  authorize(principal, "run.view");
  return findRun(tx, project, runRef, "update");
}

/**
 * Asks a run to stop: queued and running runs become `stopping` until their client acknowledges
 * with `stopped`; a run that never started stops at once; a stopping run is left as it is.
 */
export async function stopRun(actor: OrgActor, projectSlug: string, runRef: string | number, input: z.input<typeof stopRunInput> = {}) {
  return onRun(actor, projectSlug, runRef, () => "run.stop", async (tx, { run }) => {
    const viewer = requireViewer(actor);
    const { reason } = parseInput(stopRunInput, input);
    assertNotDeleted(run);
    if (run.status === "stopping") return null;
    if (isFinal(run.status)) throw new ConflictError(`Run #${run.number} has already ended (${run.status}): there is nothing to stop.`);
    const to = run.status === "created" ? "stopped" : "stopping";
    await tx
      .update(runs)
      .set({ status: to, ...(to === "stopped" ? { finishedAt: sql`now()` } : {}) })
      .where(eq(runs.id, run.id));
    await appendCondition(tx, viewer, run.id, run.status, to, reason || "stop requested");
    return { action: "run.stop_requested", before: { status: run.status }, after: { status: to, ...(reason ? { reason } : {}) } };
  });
}

/** Adds and removes tags (at most 20 on a run). */
export async function tagRun(actor: OrgActor, projectSlug: string, runRef: string | number, input: z.input<typeof tagRunInput>) {
  return onRun(actor, projectSlug, runRef, () => "run.tag", async (tx, { run }) => {
    const { add, remove } = parseInput(tagRunInput, input);
    assertNotDeleted(run);
    const tags = [...new Set([...run.tags, ...add])].filter((t) => !remove.includes(t));
    if (tags.length > 20) throw new ValidationError("A run has at most 20 tags.", { add: `Run #${run.number} would have ${tags.length} tags; the most is 20.` });
    if (tags.length === run.tags.length && tags.every((t, i) => t === run.tags[i])) return null;
    await tx.update(runs).set({ tags }).where(eq(runs.id, run.id));
    return { action: "run.tagged", before: { tags: run.tags }, after: { tags } };
  });
}

function setArchived(archive: boolean) {
  return (actor: OrgActor, projectSlug: string, runRef: string | number) =>
    onRun(actor, projectSlug, runRef, () => "run.archive", async (tx, { run }) => {
      assertNotDeleted(run);
      if ((run.archivedAt !== null) === archive) return null;
      await tx.update(runs).set({ archivedAt: archive ? sql`now()` : null }).where(eq(runs.id, run.id));
      return { action: archive ? "run.archived" : "run.unarchived" };
    });
}

/** Files a run away: hidden from the default list, kept as it is; idempotent. Project write. */
export const archiveRun = setArchived(true);
/** Brings an archived run back to the list; idempotent. Project write. */
export const unarchiveRun = setArchived(false);

/** Project write deletes and restores the runs they created; project admins anyone's. */
const deleteRule = (actor: OrgActor) => (run: RunRow): RunAction => (run.creatorId !== null && run.creatorId === actor.viewer?.id ? "run.delete.own" : "run.delete.any");

/**
 * Soft-deletes a run: it leaves the lists for the trash, its bytes move from the organization's
 * live usage to deleted-but-not-purged; idempotent. Restore brings it back.
 */
export async function deleteRun(actor: OrgActor, projectSlug: string, runRef: string | number) {
  return onRun(actor, projectSlug, runRef, deleteRule(actor), async (tx, { run }) => {
    if (run.deletedAt) return null;
    await tx.update(runs).set({ deletedAt: sql`now()` }).where(eq(runs.id, run.id));
    await moveStorage(tx, actor.org.id, run.bytes, "deleted");
    return { action: "run.deleted", before: { name: run.name, status: run.status, bytes: run.bytes } };
  });
}

/** Restores a deleted run; its bytes count as live again, so a full storage tier refuses it. */
export async function restoreRun(actor: OrgActor, projectSlug: string, runRef: string | number) {
  return onRun(actor, projectSlug, runRef, deleteRule(actor), async (tx, { run }) => {
    if (!run.deletedAt) return null;
    await moveStorage(tx, actor.org.id, run.bytes, "live");
    await tx.update(runs).set({ deletedAt: null }).where(eq(runs.id, run.id));
    return { action: "run.restored", after: { bytes: run.bytes } };
  });
}

/**
 * Removes a deleted run for good with its artifacts, history and lineage, giving its bytes back to
 * the organization; registry versions promoted from it keep their snapshot. Project admins.
 */
export async function purgeRun(actor: OrgActor, projectSlug: string, runRef: string | number): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "share");
    const run = await findRunOrHide(tx, principal, project, runRef);
    authorize(principal, "run.purge");
    if (project.archivedAt) throw PROJECT_ARCHIVED;
    if (!run.deletedAt) throw new ConflictError(`Run #${run.number} is not deleted: delete it first; purging removes deleted runs for good.`);
    const artifacts = await tx.$count(runArtifacts, eq(runArtifacts.runId, run.id));
    await tx.delete(runs).where(eq(runs.id, run.id));
    await releaseDeletedStorage(tx, actor.org.id, run.bytes);
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "run.purged",
      ...runTarget(project, run),
      before: { run: run.id, name: run.name, status: run.status, artifacts, bytes: run.bytes },
    });
  });
}

/** One run's outcome in a bulk action: the run as it was named, and the refusal when there was one. */
export type BulkResult = { id: string | number; ok: boolean; error?: { code: string; message: string } };

const BULK: Record<BulkAction, (actor: OrgActor, slug: string, ref: string | number, tag: string | undefined, reason: string) => Promise<unknown>> = {
  tag: (a, s, r, tag) => tagRun(a, s, r, { add: [tag!] }),
  untag: (a, s, r, tag) => tagRun(a, s, r, { remove: [tag!] }),
  archive: (a, s, r) => archiveRun(a, s, r),
  unarchive: (a, s, r) => unarchiveRun(a, s, r),
  delete: (a, s, r) => deleteRun(a, s, r),
  restore: (a, s, r) => restoreRun(a, s, r),
  stop: (a, s, r, _tag, reason) => stopRun(a, s, r, { reason }),
};

/**
 * Tags, archives, deletes, restores or stops a selection of runs, each in its own transaction with
 * its own permission check and audit event, so one refusal (someone else's run, a finished run)
 * never stops the rest; the report says what happened to each.
 */
export async function bulkRuns(actor: OrgActor, projectSlug: string, input: z.input<typeof bulkInput>): Promise<{ results: BulkResult[] }> {
  const db = await getDb();
  // Every bulk action needs project write at least; each run's own check decides the rest.
  gate((await runsProject(db, actor, projectSlug)).principal, "run.tag");
  const { action, runs: refs, tag, reason } = parseInput(bulkInput, input);
  const results: BulkResult[] = [];
  for (const ref of [...new Set(refs)]) {
    try {
      await BULK[action](actor, projectSlug, ref, tag, reason);
      results.push({ id: ref, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id: ref, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
