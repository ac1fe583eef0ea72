import { readFileSync } from "node:fs";
import path from "node:path";
import { bigint, pgSchema } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";

/** drizzle's own record of applied migrations (created_at is the journal's `when`). */
const appliedMigrations = pgSchema("drizzle").table("__drizzle_migrations", { createdAt: bigint("created_at", { mode: "number" }) });

let draining = false;

/** From SIGTERM on, the server says it is not ready, so a load balancer stops sending it work. */
export const startDraining = () => {
  draining = true;
};

/** Every migration this build ships (drizzle records each by its journal's `when`). */
function shippedMigrations(): number[] {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), "db/migrations/meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when);
}

/**
 * Whether this process should get traffic: not shutting down, the database answers, and every
 * migration of this build is applied. Null when ready, else why not.
 */
export async function notReadyReason(): Promise<string | null> {
  if (draining) return "shutting down";
  try {
    const db = await getDb();
    const applied = new Set((await db.select().from(appliedMigrations)).map((r) => r.createdAt));
    const missing = shippedMigrations().filter((when) => !applied.has(when));
    return missing.length ? `${missing.length} migration(s) not applied` : null;
  } catch (error) {
    return `database unreachable: ${(error as Error).message}`;
  }
}
