import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { projects, runs, runTokens, users } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { projectRoleSql } from "@/lib/authz/visible";
import { parseInput } from "@/lib/errors";
import { getVersion } from "@/lib/hub/service";
import { decodeCursor, encodeCursor, keysetQuery, type Page } from "@/lib/pagination";
import { summaryColumns, toSummary, type RunSummary } from "./queries";

export type ComponentRun = RunSummary & { project: { slug: string; name: string } };

/**
 * The hub's reverse index: the runs that ran this component version (by its digest), newest
 * first, in the projects the caller may read; deleted runs left out. Whoever sees the hub.
 */
export async function componentVersionRuns(actor: OrgActor, componentName: string, ref: string, query: z.input<typeof keysetQuery> = {}): Promise<{ version: number; digest: string } & Page<ComponentRun>> {
  const version = await getVersion(actor, componentName, ref);
  const { cursor, limit } = parseInput(keysetQuery, query);
  // The cursor keeps created_at as PostgreSQL prints it: microseconds, which a JavaScript Date would drop.
  const after = decodeCursor(cursor, z.tuple([z.string().regex(/^[0-9: .+-]{19,40}$/), z.coerce.number().int().min(1).max(2_000_000_000), z.uuid()]));
  const db = await getDb();
  const rows = await db
    .select({ ...summaryColumns, sortMetric: sql<string | null>`null`, projectSlug: projects.slug, projectName: projects.name, at: sql<string>`${runs.createdAt}::text` })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .leftJoin(users, eq(users.id, runs.creatorId))
    .leftJoin(runTokens, eq(runTokens.id, runs.runTokenId))
    .where(
      and(
        eq(runs.orgId, actor.org.id),
        eq(runs.componentDigest, version.digest),
        isNull(runs.deletedAt),
        sql`${projectRoleSql(actor.principal, actor.viewer?.id ?? null)} is not null`,
        after ? sql`(${runs.createdAt}, ${runs.number}, ${runs.id}) < (${after[0]}::timestamptz, ${after[1]}, ${after[2]}::uuid)` : undefined,
      ),
    )
    // Runs of one batch share their creation time: the later number first.
    .orderBy(desc(runs.createdAt), desc(runs.number), desc(runs.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map(({ projectSlug, projectName, at: _at, ...r }) => ({ ...toSummary(r), project: { slug: projectSlug, name: projectName } }));
  const last = page[page.length - 1];
  return { version: version.number, digest: version.digest, items, nextCursor: rows.length > limit ? encodeCursor([last.at, String(last.number), last.id]) : null };
}
