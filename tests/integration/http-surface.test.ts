/** The HTTP surface of /api/v1 around the services: unknown routes, body caps, unread anonymous bodies. */
import { ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as unknownRoute from "@/app/api/v1/[...rest]/route";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { MAX_JSON_BYTES } from "@/lib/http/api";
import { useFreshDatabase } from "../support/database";
import { api, apiRequest, bodyOf, routeParams } from "../support/http";
import { seedOrg } from "../support/orgs";
import { person, uniqueSlug, type Person } from "../support/people";

useFreshDatabase();

let owner: Person;
beforeAll(async () => {
  owner = await person("owner");
});

describe("unknown /api/v1 routes", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE"] as const)("answer %s with the JSON 404 of every API error", async (method) => {
    const res = await unknownRoute[method]();
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await bodyOf(res)).toEqual({ error: { code: "not_found", message: "No such API route." } });
  });
});

describe("request bodies", () => {
  const big = (bytes: number) => JSON.stringify({ name: "x".repeat(bytes), slug: uniqueSlug() });

  it("refuses a JSON body over 1 MiB with 413 and writes nothing", async () => {
    const res = await api("POST", "/api/v1/orgs", { as: owner, rawBody: big(MAX_JSON_BYTES) });
    expect(res.status).toBe(413);
    expect((await bodyOf(res)).error.code).toBe("payload_too_large");
  });

  it("refuses a body over 1 MiB that declares no length (streamed)", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2 * MAX_JSON_BYTES) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost:3000/api/v1/orgs", {
      method: "POST",
      body: stream,
      // @ts-expect-error -- Node's fetch needs it for a stream body
      duplex: "half",
      headers: { cookie: owner.cookie, origin: "http://localhost:3000", "sec-fetch-site": "same-origin", "content-type": "application/json" },
    });
    const { POST } = await import("@/app/api/v1/orgs/route");
    const res = await POST(req, routeParams({}));
    expect(res.status).toBe(413);
    // It stopped reading soon after the cap instead of taking the whole body.
    expect(sent).toBeLessThan(MAX_JSON_BYTES + 256 * 1024);
  });

  it("accepts a body just under the cap (then validates it)", async () => {
    const res = await api("POST", "/api/v1/orgs", { as: owner, rawBody: big(MAX_JSON_BYTES - 1000) });
    expect(res.status).toBe(400);
  });

  it("never reads an anonymous caller's body: 401, and the stream is left untouched", async () => {
    const org = await seedOrg([[owner, "owner"]]);
    for (const [method, path] of [
      ["POST", "/api/v1/orgs"],
      ["PATCH", `/api/v1/orgs/${org.slug}`],
      ["PUT", `/api/v1/orgs/${org.slug}/auth-settings`],
    ] as const) {
      const req = apiRequest(method, path, { rawBody: "{" + "x".repeat(40 * 1024 * 1024) });
      const mod = method === "POST" ? await import("@/app/api/v1/orgs/route") : method === "PATCH" ? await import("@/app/api/v1/orgs/[slug]/route") : await import("@/app/api/v1/orgs/[slug]/auth-settings/route");
      const handler = (mod as Record<string, (r: Request, c: unknown) => Promise<Response>>)[method];
      const res = await handler(req, routeParams({ slug: org.slug }));
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(req.bodyUsed, `${method} ${path}`).toBe(false);
    }
  });
});

describe("the audit trail is append-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of audit_events, whoever asks", async () => {
    await seedOrg([[owner, "owner"]]);
    const db = await getDb();
    const count = await db.$count(auditEvents);
    expect(count).toBeGreaterThan(0);
    // Drizzle wraps the database's error: its cause is the trigger's message.
    const refusal = (query: Promise<unknown>) => query.then(() => "done", (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(db.execute(sql`update audit_events set action = 'forged'`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(db.execute(sql`delete from audit_events`))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    expect(await db.$count(auditEvents, ne(auditEvents.action, "forged"))).toBe(count);
  });
});
