import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { rawRows } from "@/db/raw";
import { runConditions, runLineage, runs, runTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor, type Viewer } from "@/lib/auth/context";
import { authorize, gate } from "@/lib/authz";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { MAX_SNAPSHOT_BYTES } from "@/lib/registry/schemas";
import { addUpstream, visibleUpstream } from "./lineage";
import { assertNotDeleted, findRun, PROJECT_ARCHIVED, runsProject, runTarget, summariesWhere, type RunRow, type RunSummary } from "./queries";
import { createRunsInput, updateRunInput } from "./schemas";
import { canTransition, isFinal, transitionRefusal, type RunKind, type RunStatus } from "./status";

type CreatedRow = { id: string; number: number; name: string; kind: RunKind; status: RunStatus; tags: string[]; outputs: Record<string, unknown>; component_digest: string | null; created_at: string | Date; started_at: string | Date | null };

/** Who a condition or a run records: the person, and the run token when one acted for them. */
const actedBy = (viewer: Viewer) => ({ actorId: viewer.id, actorName: viewer.name });
const tokenOf = (viewer: Viewer) => (viewer.credential.kind === "run-token" ? viewer.credential.id : null);

/** The timestamps a status sets: started when it first runs, finished when it ends. */
function timesFor(status: RunStatus, run: Pick<RunRow, "startedAt" | "finishedAt">) {
  return {
    ...(status === "running" && !run.startedAt ? { startedAt: sql`now()` } : {}),
    ...(isFinal(status) && !run.finishedAt ? { finishedAt: sql`now()` } : {}),
  };
}

/**
 * Creates up to 1,000 runs in one transaction with multi-row inserts (runs, their first condition,
 * their lineage): numbered in order after the project's last run, under the project's lock.
 * Project write, personal access tokens covering runs, and the project's run tokens.
 */
export async function createRuns(actor: OrgActor, projectSlug: string, input: z.input<typeof createRunsInput>): Promise<{ runs: RunSummary[] }> {
  const db = await getDb();
  gate((await runsProject(db, actor, projectSlug)).principal, "run.create");
  const viewer = requireViewer(actor);
  const data = parseInput(createRunsInput, input);
  return db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "update");
    authorize(principal, "run.create");
    if (project.archivedAt) throw PROJECT_ARCHIVED;
    await visibleUpstream(tx, actor, [...new Set(data.runs.flatMap((r) => r.upstream))]);
    const [{ last }] = await tx
      .select({ last: sql<number>`coalesce(max(${runs.number}), 0)`.mapWith(Number) })
      .from(runs)
      .where(eq(runs.projectId, project.id));
    const token = tokenOf(viewer);
    // One statement for the runs and their first conditions, the batch as one JSON parameter: a
    // thousand rows bind as one value instead of seventeen thousand.
    const input = data.runs.map((r, i) => ({ number: last + i + 1, name: r.name, description: r.description, kind: r.kind, status: r.status, inputs: r.inputs, outputs: r.outputs, tags: r.tags, component_digest: r.componentDigest }));
    const inserted = await rawRows<CreatedRow>(
      tx,
      sql`with input as (
            select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
              as x(number integer, name text, description text, kind run_kind, status run_status, inputs jsonb, outputs jsonb, tags text[], component_digest text)
          ),
          created as (
            insert into ${runs} (org_id, project_id, number, name, description, kind, status, creator_id, run_token_id, inputs, outputs, tags, component_digest, started_at)
            select ${actor.org.id}, ${project.id}, number, name, description, kind, status, ${viewer.id}, ${token}, inputs, outputs, tags, component_digest,
                   case when status = 'running' then now() end
            from input
            returning id, number, name, kind, status, tags, outputs, component_digest, created_at, started_at
          ),
          conditions as (
            insert into ${runConditions} (run_id, from_status, to_status, reason, actor_id, actor_name)
            select id, null, status, 'created', ${viewer.id}, ${viewer.name} from created
          )
          select * from created order by number`,
    );
    const created = inserted.map((r) => ({ ...r, createdAt: new Date(r.created_at), startedAt: r.started_at === null ? null : new Date(r.started_at) }));
    const edges = created.flatMap((r, i) => data.runs[i].upstream.map((up) => ({ upstreamRunId: up, downstreamRunId: r.id, orgId: actor.org.id })));
    if (edges.length) await tx.insert(runLineage).values(edges);
    const first = created[0].number;
    const lastNumber = created[created.length - 1].number;
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "run.created",
      targetType: "project",
      targetId: project.id,
      targetLabel: first === lastNumber ? `${project.slug} #${first}` : `${project.slug} #${first}–#${lastNumber}`,
      after: { runs: created.length, first, last: lastNumber },
    });
    // The summaries from the inserted rows: a new run has no promotions, and its creator is the caller.
    const [who] = await tx
      .select({ name: users.name, token: runTokens.name })
      .from(users)
      .leftJoin(runTokens, token ? eq(runTokens.id, token) : sql`false`)
      .where(eq(users.id, viewer.id));
    return {
      runs: created.map((r) => ({
        id: r.id,
        number: r.number,
        name: r.name,
        kind: r.kind,
        status: r.status,
        creator: { id: viewer.id, name: who.name },
        viaToken: who.token,
        tags: r.tags,
        outputs: r.outputs as Record<string, unknown>,
        componentDigest: r.component_digest,
        bytes: 0,
        createdAt: r.createdAt,
        startedAt: r.startedAt,
        finishedAt: null,
        archivedAt: null,
        deletedAt: null,
        promoted: false,
      })),
    };
  });
}

/** outputs merged with a patch (a null value removes the key), refused past 64 KiB. */
function mergeOutputs(current: unknown, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  if (Buffer.byteLength(JSON.stringify(merged)) > MAX_SNAPSHOT_BYTES) {
    throw new ValidationError("The outputs would grow too large.", { outputs: `Together with what the run recorded, the outputs are larger than ${MAX_SNAPSHOT_BYTES / 1024} KiB of JSON.` });
  }
  return merged;
}

/**
 * Changes a run: its status (validated against the transitions; each change appended to its
 * history with the reason), outputs (merged), name, description, upstream runs (added; no cycles).
 * Project write and run tokens; not on deleted runs or in archived projects.
 */
export async function updateRun(actor: OrgActor, projectSlug: string, runRef: string, input: z.input<typeof updateRunInput>): Promise<RunSummary> {
  const db = await getDb();
  gate((await runsProject(db, actor, projectSlug)).principal, "run.update");
  const viewer = requireViewer(actor);
  const data = parseInput(updateRunInput, input);
  return db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "share");
    authorize(principal, "run.update");
    if (project.archivedAt) throw PROJECT_ARCHIVED;
    const run = await findRun(tx, project, runRef, "update");
    assertNotDeleted(run);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: PgUpdateSetSource<typeof runs> = {};
    if (data.status !== undefined && data.status !== run.status) {
      if (!canTransition(run.status, data.status)) throw new ConflictError(transitionRefusal(run.number, run.status, data.status), { status: transitionRefusal(run.number, run.status, data.status) });
      Object.assign(set, { status: data.status, ...timesFor(data.status, run) });
      before.status = run.status;
      after.status = data.status;
    }
    if (data.outputs !== undefined) {
      set.outputs = mergeOutputs(run.outputs, data.outputs);
      after.outputs = Object.keys(data.outputs);
    }
    for (const field of ["name", "description"] as const) {
      if (data[field] !== undefined && data[field] !== run[field]) {
        set[field] = data[field];
        before[field] = run[field];
        after[field] = data[field];
      }
    }
    const edges = data.upstream ? await addUpstream(tx, actor, run, data.upstream) : 0;
    if (edges) after.upstream = data.upstream;
    if (!Object.keys(set).length && !edges) return (await summariesWhere(tx, eq(runs.id, run.id)))[0];
    if (Object.keys(set).length) await tx.update(runs).set(set).where(eq(runs.id, run.id));
    if (after.status) await appendCondition(tx, viewer, run.id, run.status, after.status as RunStatus, data.reason);
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "run.updated", ...runTarget(project, run), before, after: { run: run.id, ...after } });
    return (await summariesWhere(tx, eq(runs.id, run.id)))[0];
  });
}

/** Records summary metrics (merged into what the run has). */
export const recordOutputs = (actor: OrgActor, projectSlug: string, runRef: string, outputs: Record<string, unknown>) => updateRun(actor, projectSlug, runRef, { outputs });

/** Appends one status change to the run's history. */
export async function appendCondition(tx: Db, viewer: Viewer, runId: string, from: RunStatus, to: RunStatus, reason: string) {
  await tx.insert(runConditions).values({ runId, from, to, reason, ...actedBy(viewer) });
}
