import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";

/** At most `limit` hits per `seconds`; `reason` opens the message people see when they hit it. */
type Window = { limit: number; seconds: number; reason?: string };

/**
 * Counts `hits` on `key` in a fixed window kept in the database (so it holds across app instances)
 * and throws RateLimited once the window holds more than `limit`. Inside a transaction that then
 * rolls back, the hits are not counted.
 */
export async function consume(db: Db, key: string, { limit, seconds, reason }: Window, hits = 1): Promise<void> {
  const expired = sql`${rateLimits.windowStart} < now() - make_interval(secs => ${seconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: hits, windowStart: sql`now()` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then ${hits}::int else ${rateLimits.count} + ${hits}::int end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`ceil(extract(epoch from ${rateLimits.windowStart} + make_interval(secs => ${seconds}) - now()))::int`,
    });
  if (row.count > limit) throw new RateLimitedError(Math.max(1, row.retryAfter), reason);
}

/**
 * Counts hits on several keys at once (one statement) in fixed windows of `seconds`, and returns
 * each key's count including these hits. For caps that skip work rather than refuse the request.
 */
export async function countEach(db: Db, hits: Map<string, number>, seconds: number): Promise<Map<string, number>> {
  if (!hits.size) return new Map();
  const expired = sql`${rateLimits.windowStart} < now() - make_interval(secs => ${seconds})`;
  const rows = await db
    .insert(rateLimits)
    .values([...hits].map(([key, count]) => ({ key, count, windowStart: sql`now()` })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then excluded.count else ${rateLimits.count} + excluded.count end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ key: rateLimits.key, count: rateLimits.count });
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Throws RateLimited when `key` already used up its window, without counting a hit. */
export async function assertNotLimited(db: Db, key: string, { limit, seconds, reason }: Window): Promise<void> {
  const [row] = await db
    .select({
      count: rateLimits.count,
      retryAfter: sql<number>`ceil(extract(epoch from ${rateLimits.windowStart} + make_interval(secs => ${seconds}) - now()))::int`,
    })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowStart} >= now() - make_interval(secs => ${seconds})`);
  if (row && row.count >= limit) throw new RateLimitedError(Math.max(1, row.retryAfter), reason);
}

export const resetLimit = (db: Db, key: string) => db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
