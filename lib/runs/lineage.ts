import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rawRows } from "@/db/raw";
import { projects, runLineage, runs } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { projectRoleSql } from "@/lib/authz/visible";
import { ValidationError } from "@/lib/errors";

/**
 * The upstream runs named by id that the caller may see (a run token: only in its own project),
 * not deleted; any other id is refused as unknown, so nobody learns of runs they may not read.
 */
export async function visibleUpstream(tx: Db, actor: OrgActor, ids: string[]): Promise<Map<string, { id: string; number: number }>> {
  if (!ids.length) return new Map();
  const token = actor.principal.token?.runToken;
  const readable = token ? eq(runs.projectId, token.projectId) : sql`${projectRoleSql(actor.principal, actor.viewer?.id ?? null)} is not null`;
  const rows = await tx
    .select({ id: runs.id, number: runs.number })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(eq(runs.orgId, actor.org.id), inArray(runs.id, ids), isNull(runs.deletedAt), readable));
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new ValidationError("An upstream run is unknown.", { upstream: `No run with id ${missing} that you can see.` });
  return found;
}

/**
 * Adds upstream → downstream edges to an existing run, refusing itself and any edge that would close
 * a cycle (the downstream run already leads to the upstream one). The organization's lineage lock
 * makes concurrent additions see each other, so two requests cannot close a cycle between them.
 */
export async function addUpstream(tx: Db, actor: OrgActor, run: { id: string; number: number }, ids: string[]): Promise<number> {
  if (ids.includes(run.id)) throw new ValidationError("A run cannot be its own upstream.", { upstream: `Run #${run.number} cannot be its own upstream.` });
  const upstream = await visibleUpstream(tx, actor, ids);
  if (!upstream.size) return 0;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`run-lineage:${actor.org.id}`}, 0))`);
  const [cycle] = await rawRows<{ id: string }>(
    tx,
    sql`with recursive below(id) as (
          select ${run.id}::uuid
          union
          select l.downstream_run_id from ${runLineage} l join below on l.upstream_run_id = below.id
        )
        select id from below where id in (${sql.join(
          [...upstream.keys()].map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) limit 1`,
  );
  if (cycle) {
    const number = upstream.get(cycle.id)!.number;
    throw new ValidationError("That lineage would make a cycle.", { upstream: `Run #${number} already comes after run #${run.number}: making it upstream would close a cycle.` });
  }
  const added = await tx
    .insert(runLineage)
    .values([...upstream.keys()].map((id) => ({ upstreamRunId: id, downstreamRunId: run.id, orgId: actor.org.id })))
    .onConflictDoNothing()
    .returning({ id: runLineage.upstreamRunId });
  return added.length;
}
