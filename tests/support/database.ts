import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb } from "@/db/client";

/**
 * Gives the calling test file a database of its own: a new PostgreSQL database when DATABASE_URL
 * is set (dropped afterwards), an in-memory PGlite otherwise. Migrations run as in the app.
 */
export function useFreshDatabase() {
  const serverUrl = process.env.DATABASE_URL;
  const name = `atrium_test_${randomBytes(6).toString("hex")}`;
  beforeAll(async () => {
    await closeDb();
    if (serverUrl) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      process.env.DATABASE_URL = url.toString();
    } else {
      process.env.PGLITE_DIR = "memory://";
    }
    await getDb();
  });
  afterAll(async () => {
    await closeDb();
    if (serverUrl) {
      process.env.DATABASE_URL = serverUrl;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}
