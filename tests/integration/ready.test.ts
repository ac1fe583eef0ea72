import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { getDb } from "@/db/client";
import { startDraining } from "@/lib/health/ready";
import { useFreshDatabase } from "../support/database";

useFreshDatabase();

describe("/api/ready", () => {
  it("is ready on a migrated database; /api/health stays the constant answer", async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true });
    expect(await health().json()).toEqual({ ok: true });
  });

  it("is not ready while a migration of this build is missing", async () => {
    const db = await getDb();
    await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const res = await ready();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: "1 migration(s) not applied" });
    await db.execute(sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    expect((await ready()).status).toBe(200);
  });

  it("is not ready once the server is shutting down", async () => {
    startDraining();
    const res = await ready();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: "shutting down" });
  });
});
