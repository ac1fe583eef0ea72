import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

/**
 * The rows of a hand-written query (recursive CTEs the query builder cannot express), the same on
 * both drivers: postgres.js answers an array, PGlite an object holding `rows`.
 */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
