import type { Db } from "./client";

/**
 * A query prepared once per database handle: hot paths neither rebuild their SQL on every request
 * nor make PostgreSQL plan it again.
 */
export function prepared<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let query = byDb.get(db);
    if (!query) byDb.set(db, (query = build(db)));
    return query;
  };
}
