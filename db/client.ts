import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
type Handle = { db: Db; close: () => Promise<void> };

const MIGRATIONS = path.join(process.cwd(), "db/migrations");
const globalForDb = globalThis as unknown as { atriumDb?: Promise<Handle> };

/**
 * The process-wide database, opened and migrated on first use (never at import, so `next build`
 * never opens it: STACK.md trap 3). DATABASE_URL selects PostgreSQL; otherwise PGlite in PGLITE_DIR
 * (default ./.data/pglite, or "memory://" for an in-memory database).
 */
export function getDb(): Promise<Db> {
  // A failed open (database down at first use) is forgotten, so the next call tries again.
  globalForDb.atriumDb ??= open().catch((error) => {
    globalForDb.atriumDb = undefined;
    throw error;
  });
  return globalForDb.atriumDb.then((h) => h.db);
}

export async function closeDb() {
  const handle = globalForDb.atriumDb;
  globalForDb.atriumDb = undefined;
  if (handle) await (await handle).close();
}

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite(process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data/pglite"));
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Several app instances may start at once: one migrates while the others wait on the lock.
  // A one-connection client keeps the advisory lock and the migration in the same session.
  // DATABASE_MIGRATION_URL: migrate as the role that owns the tables, serve as a lesser one (README).
  const migrator = postgres(process.env.DATABASE_MIGRATION_URL || url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(727274)`;
    await migrate(drizzle(migrator, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await migrator.end();
  }
  const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  return { db: drizzle(client, { schema }) as unknown as Db, close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(dir), { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, close: () => client.close() };
}
