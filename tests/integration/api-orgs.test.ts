/**
 * The organization REST API through its route handlers: real Requests, a real database, the same
 * code path as `next start` minus the HTTP server.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { organizations, personalAccessTokens, users } from "@/db/schema";
import { createAccessToken, revokeAccessToken } from "@/lib/accounts/tokens";
import type { OrgRole } from "@/lib/authz";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { auditCount, orgRow, roleIn, seedOrg } from "../support/orgs";
import { actorOf, addMember, person, uniqueSlug, type Person } from "../support/people";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";

useFreshDatabase();

type Caller = OrgRole | "outsider" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "outsider", "anonymous"];

let people: Record<Exclude<Caller, "anonymous">, Person>;

beforeAll(async () => {
  const [owner, admin, member, viewer, outsider] = await Promise.all(["owner", "admin", "member", "viewer", "outsider"].map((l) => person(l)));
  people = { owner, admin, member, viewer, outsider };
  // The outsider belongs to an organization of their own, just not to the one under test.
  await seedOrg([[outsider, "owner"]]);
});

const as = (caller: Caller) => (caller === "anonymous" ? null : people[caller]);

/** A fresh organization with one person in each role, so every matrix row starts from the same state. */
const freshOrg = (visibility: "private" | "public") =>
  seedOrg(
    [
      [people.owner, "owner"],
      [people.admin, "admin"],
      [people.member, "member"],
      [people.viewer, "viewer"],
    ],
    { visibility, name: "Seeded Org" },
  );

type Route = "GET /orgs/{slug}" | "PATCH /orgs/{slug}" | "DELETE /orgs/{slug}" | "GET /orgs/{slug}/audit" | "DELETE /orgs/{slug}/membership";

/** Expected status per caller. The sole owner may not leave (409); outsiders see a private org as absent. */
const MATRIX: [Route, "private" | "public", string][] = [
  // route                             org         owner admin member viewer outsider anonymous
  ["GET /orgs/{slug}",                 "private", "200   200   200    200    404      404"],
  ["GET /orgs/{slug}",                 "public",  "200   200   200    200    403      401"],
  ["PATCH /orgs/{slug}",               "private", "200   403   403    403    404      404"],
  ["PATCH /orgs/{slug}",               "public",  "200   403   403    403    403      401"],
  ["DELETE /orgs/{slug}",              "private", "204   403   403    403    404      404"],
  ["DELETE /orgs/{slug}",              "public",  "204   403   403    403    403      401"],
  ["GET /orgs/{slug}/audit",           "private", "200   200   403    403    404      404"],
  ["GET /orgs/{slug}/audit",           "public",  "200   200   403    403    403      401"],
  ["DELETE /orgs/{slug}/membership",   "private", "409   204   204    204    404      404"],
  ["DELETE /orgs/{slug}/membership",   "public",  "409   204   204    204    403      401"],
];

const matrixCases = MATRIX.flatMap(([route, visibility, statuses]) =>
  statusesByCaller(statuses, CALLERS).map((c) => ({ route, visibility, ...c })),
);

describe("permission matrix over HTTP", () => {
  it("has a status for every route × visibility × caller", () => {
    expect(matrixCases).toHaveLength(5 * 2 * 6);
  });

  it.each(matrixCases)("$route on a $visibility org as $caller → $status", async ({ route, visibility, caller, status }) => {
    const org = await freshOrg(visibility);
    const [method, pattern] = route.split(" ");
    const path = `/api/v1${pattern.replace("{slug}", org.slug)}`;
    const body = route === "PATCH /orgs/{slug}" ? { name: "Renamed", visibility: visibility === "private" ? "public" : "private" } : route === "DELETE /orgs/{slug}" ? { confirm: org.slug } : undefined;

    const res = await api(method, path, { as: as(caller), body });
    const json = await bodyOf(res);
    expect(res.status, JSON.stringify(json)).toBe(status);
    if (status >= 400) expect(json.error.code).toBe(ERROR_CODE[status]);

    // The database shows exactly the effect the status claims, and nothing on refusal.
    const row = await orgRow(org.id);
    const ok = status < 300;
    switch (route) {
      case "GET /orgs/{slug}":
        if (ok) expect(json).toMatchObject({ id: org.id, slug: org.slug, name: "Seeded Org", visibility, role: caller });
        expect(row).toMatchObject({ name: "Seeded Org", visibility });
        expect(await auditCount(org.id)).toBe(0);
        break;
      case "PATCH /orgs/{slug}":
        expect(row?.name).toBe(ok ? "Renamed" : "Seeded Org");
        expect(row?.visibility).toBe(ok ? (visibility === "private" ? "public" : "private") : visibility);
        expect(await auditCount(org.id)).toBe(ok ? 1 : 0);
        if (ok) expect(json).toMatchObject({ id: org.id, name: "Renamed" });
        break;
      case "DELETE /orgs/{slug}":
        // Deleted means hidden and restorable (the purge removes the row later).
        expect(row!.deletedAt !== null).toBe(ok);
        expect(await auditCount(org.id)).toBe(ok ? 1 : 0);
        break;
      case "GET /orgs/{slug}/audit":
        if (ok) expect(json).toEqual({ items: [], nextCursor: null });
        expect(row).not.toBeNull();
        break;
      case "DELETE /orgs/{slug}/membership":
        if (caller !== "anonymous" && caller !== "outsider") expect(await roleIn(org.id, people[caller].id)).toBe(ok ? null : caller);
        if (caller === "outsider") expect(await roleIn(org.id, people.outsider.id)).toBeNull();
        expect(await roleIn(org.id, people.owner.id)).toBe("owner");
        expect(await auditCount(org.id)).toBe(ok ? 1 : 0);
        break;
    }
  });

  it("answers 404 for an organization that does not exist, whoever asks", async () => {
    for (const caller of CALLERS) {
      const res = await api("GET", "/api/v1/orgs/no-such-org", { as: as(caller) });
      expect(res.status).toBe(404);
    }
  });

  it("takes a removed member's access away on the next request", async () => {
    const org = await freshOrg("private");
    expect((await api("GET", `/api/v1/orgs/${org.slug}/audit`, { as: people.admin })).status).toBe(200);
    const db = await getDb();
    await db.execute(sql`delete from memberships where org_id = ${org.id} and user_id = ${people.admin.id}`);
    expect((await api("GET", `/api/v1/orgs/${org.slug}/audit`, { as: people.admin })).status).toBe(404);
  });
});

describe("authentication: /api/v1/me", () => {
  let alice: Person;
  beforeAll(async () => {
    alice = await person("alice");
  });

  it("answers the session cookie's user", async () => {
    const res = await api("GET", "/api/v1/me", { as: alice });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await bodyOf(res)).toEqual({ id: alice.id, name: "alice", email: alice.email, emailVerified: true });
  });

  it("answers a Bearer personal access token's user, on /me and on org routes", async () => {
    const { token } = await createAccessToken(await actorOf(alice), { name: "cli" });
    const res = await api("GET", "/api/v1/me", { bearer: token });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).id).toBe(alice.id);
    const org = await seedOrg([[alice, "member"]]);
    const orgRes = await api("GET", `/api/v1/orgs/${org.slug}`, { bearer: token });
    expect(orgRes.status).toBe(200);
    expect((await bodyOf(orgRes)).role).toBe("member");
  });

  it("refuses a revoked token with 401", async () => {
    const created = await createAccessToken(await actorOf(alice), { name: "revoked" });
    expect((await api("GET", "/api/v1/me", { bearer: created.token })).status).toBe(200);
    await revokeAccessToken(await actorOf(alice), created.id);
    const res = await api("GET", "/api/v1/me", { bearer: created.token });
    expect(res.status).toBe(401);
    expect((await bodyOf(res)).error.code).toBe("unauthenticated");
  });

  it("refuses an expired token with 401", async () => {
    const created = await createAccessToken(await actorOf(alice), { name: "expiring", expiresInDays: 7 });
    const db = await getDb();
    await db.update(personalAccessTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(personalAccessTokens.id, created.id));
    expect((await api("GET", "/api/v1/me", { bearer: created.token })).status).toBe(401);
  });

  it("refuses garbage, a session token used as Bearer, and no credential at all with 401", async () => {
    expect((await api("GET", "/api/v1/me", { bearer: "garbage" })).status).toBe(401);
    expect((await api("GET", "/api/v1/me", { bearer: alice.cookie.split("=")[1] })).status).toBe(401);
    expect((await api("GET", "/api/v1/me", { headers: { cookie: "atrium_session=forged" } })).status).toBe(401);
    const res = await api("GET", "/api/v1/me");
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toMatchObject({ error: { code: "unauthenticated", message: expect.any(String) } });
  });

  it("treats a malformed session cookie as no session (401), not a crash", async () => {
    for (const cookie of ["atrium_session=%", "atrium_session=%E0%A4%A", "theme=dark; atrium_session=%zz"]) {
      const res = await api("GET", "/api/v1/me", { headers: { cookie } }).catch((error: unknown) => error);
      expect(res, cookie).toBeInstanceOf(Response);
      expect((res as Response).status, cookie).toBe(401);
    }
  });

  it("refuses a garbage token on an organization route with 401, even for a public org", async () => {
    const org = await seedOrg([[alice, "owner"]], { visibility: "public" });
    expect((await api("GET", `/api/v1/orgs/${org.slug}`, { bearer: "garbage" })).status).toBe(401);
  });

  it("stops answering a disabled user's token and cookie", async () => {
    const bob = await person("bob");
    const { token } = await createAccessToken(await actorOf(bob), { name: "cli" });
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, bob.id));
    expect((await api("GET", "/api/v1/me", { bearer: token })).status).toBe(401);
    expect((await api("GET", "/api/v1/me", { as: bob })).status).toBe(401);
  });
});

describe("POST /api/v1/orgs: input", () => {
  let carol: Person;
  beforeAll(async () => {
    carol = await person("carol");
  });
  const myOrgCount = async () => (await bodyOf(await api("GET", "/api/v1/orgs?limit=100", { as: carol }))).items.length;

  it("creates an organization with the caller as owner (201)", async () => {
    const slug = uniqueSlug("created");
    const res = await api("POST", "/api/v1/orgs", { as: carol, body: { name: "Created", slug: slug.toUpperCase() } });
    expect(res.status).toBe(201);
    const org = await bodyOf(res);
    expect(org).toMatchObject({ slug, name: "Created", visibility: "private" });
    expect(await roleIn(org.id, carol.id)).toBe("owner");
  });

  it("answers 400 validation_failed with field errors, and writes nothing", async () => {
    const before = await myOrgCount();
    const res = await api("POST", "/api/v1/orgs", { as: carol, body: { name: "", slug: "API", website: "javascript:alert(1)" } });
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toEqual({
      error: {
        code: "validation_failed",
        message: expect.any(String),
        fields: { name: expect.any(String), slug: expect.stringMatching(/reserved/i), website: expect.any(String) },
      },
    });
    expect(await myOrgCount()).toBe(before);
  });

  it.each([
    ["{not json", "invalid_json"],
    ['{"name": "x", "slug": ', "invalid_json"],
    ["null", "validation_failed"],
    ["[]", "validation_failed"],
    ['"a string"', "validation_failed"],
    ["42", "validation_failed"],
    ["", "validation_failed"],
    ['{"name": 5, "slug": ["a"]}', "validation_failed"],
  ])("answers 400 (never 500) to the body %j", async (rawBody, code) => {
    const before = await myOrgCount();
    const res = await api("POST", "/api/v1/orgs", { as: carol, rawBody });
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.code).toBe(code);
    expect(await myOrgCount()).toBe(before);
  });

  it("answers 409 for a taken slug, whatever its case", async () => {
    const slug = uniqueSlug("dup");
    expect((await api("POST", "/api/v1/orgs", { as: carol, body: { name: "First", slug } })).status).toBe(201);
    const before = await myOrgCount();
    for (const again of [slug, slug.toUpperCase()]) {
      const res = await api("POST", "/api/v1/orgs", { as: carol, body: { name: "Second", slug: again } });
      expect(res.status).toBe(409);
      expect(await bodyOf(res)).toMatchObject({ error: { code: "conflict", fields: { slug: expect.any(String) } } });
    }
    expect(await myOrgCount()).toBe(before);
  });

  it("stores and returns HTML and unicode names verbatim", async () => {
    const name = `<img src=x onerror=alert(1)> "Déjà" & 🚀 — 日本`;
    const slug = uniqueSlug("html");
    const res = await api("POST", "/api/v1/orgs", { as: carol, body: { name, slug, description: "<script>alert(1)</script>" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const got = await bodyOf(await api("GET", `/api/v1/orgs/${slug}`, { as: carol }));
    expect(got).toMatchObject({ name, description: "<script>alert(1)</script>" });
  });

  it("refuses a very long name, a SQL-looking slug and a long description with 400", async () => {
    const before = await myOrgCount();
    const cases = [
      [{ name: "n".repeat(81), slug: uniqueSlug() }, "name"],
      [{ name: "n".repeat(10_000), slug: uniqueSlug() }, "name"],
      [{ name: "Robert", slug: "x'); drop table users;--" }, "slug"],
      [{ name: "Robert", slug: "a' or '1'='1" }, "slug"],
      [{ name: "Desc", slug: uniqueSlug(), description: "d".repeat(501) }, "description"],
    ] as const;
    for (const [body, field] of cases) {
      const res = await api("POST", "/api/v1/orgs", { as: carol, body });
      expect(res.status).toBe(400);
      expect(Object.keys((await bodyOf(res)).error.fields)).toContain(field);
    }
    expect(await myOrgCount()).toBe(before);
    // The users table is still there.
    expect((await api("GET", "/api/v1/me", { as: carol })).status).toBe(200);
  });

  it("answers 404 (not 500) for SQL-looking or absurd slugs in the path", async () => {
    for (const slug of ["x'; drop table organizations;--", "%27%20or%201%3D1", "a".repeat(500), "ü"]) {
      const res = await api("GET", `/api/v1/orgs/${encodeURIComponent(slug)}`, { as: carol });
      expect(res.status).toBe(404);
    }
  });

  it("answers 400 for bad PATCH input without changing the organization", async () => {
    const org = await seedOrg([[carol, "owner"]]);
    const other = await seedOrg([[carol, "owner"]]);
    for (const [body, status] of [
      [{ slug: "API" }, 400],
      [{ name: "n".repeat(81) }, 400],
      [{ visibility: "secret" }, 400],
      [{ website: "javascript:alert(1)" }, 400],
      [{ slug: other.slug }, 409],
    ] as const) {
      const res = await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: carol, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
    }
    expect((await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: carol, rawBody: "{oops" })).status).toBe(400);
    expect(await orgRow(org.id)).toMatchObject({ slug: org.slug, name: org.name, visibility: "private", website: "" });
    expect(await auditCount(org.id)).toBe(0);
  });

  it("refuses to delete without the typed slug (400) and keeps the org", async () => {
    const org = await seedOrg([[carol, "owner"]]);
    for (const body of [undefined, {}, { confirm: "wrong" }, { confirm: 42 }]) {
      const res = await api("DELETE", `/api/v1/orgs/${org.slug}`, { as: carol, body });
      expect(res.status).toBe(400);
    }
    expect(await orgRow(org.id)).not.toBeNull();
  });

  it("answers 401 to anonymous creation", async () => {
    const res = await api("POST", "/api/v1/orgs", { body: { name: "Anon", slug: uniqueSlug() } });
    expect(res.status).toBe(401);
  });
});

describe("cross-site writes", () => {
  let dave: Person;
  beforeAll(async () => {
    dave = await person("dave");
  });
  const CROSS_SITE: Record<string, string | null>[] = [
    { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    { "sec-fetch-site": "cross-site", origin: null },
    { "sec-fetch-site": null, origin: "https://evil.example" },
    { "sec-fetch-site": "same-site", origin: "https://sub.localhost:3000" },
  ];

  it.each(CROSS_SITE)("refuses a cookie-authenticated write with %o (403 cross_site) and writes nothing", async (headers) => {
    const org = await seedOrg([[dave, "owner"]]);
    const slug = uniqueSlug("csrf");
    const attempts = [
      await api("POST", "/api/v1/orgs", { as: dave, body: { name: "Evil", slug }, headers }),
      await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: dave, body: { name: "Pwned" }, headers }),
      await api("DELETE", `/api/v1/orgs/${org.slug}`, { as: dave, body: { confirm: org.slug }, headers }),
      await api("DELETE", `/api/v1/orgs/${org.slug}/membership`, { as: dave, headers }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect((await bodyOf(res)).error.code).toBe("cross_site");
    }
    const db = await getDb();
    expect(await db.$count(organizations, eq(organizations.slug, slug))).toBe(0);
    expect(await orgRow(org.id)).toMatchObject({ name: org.name });
    expect(await roleIn(org.id, dave.id)).toBe("owner");
    expect(await auditCount(org.id)).toBe(0);
  });

  it("allows the same cross-site writes with a Bearer token (no ambient credential)", async () => {
    const org = await seedOrg([[dave, "owner"]]);
    const { token } = await createAccessToken(await actorOf(dave), { name: "ci" });
    const headers = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };
    const slug = uniqueSlug("bearer");
    expect((await api("POST", "/api/v1/orgs", { bearer: token, body: { name: "Via token", slug }, headers })).status).toBe(201);
    expect((await api("PATCH", `/api/v1/orgs/${org.slug}`, { bearer: token, body: { name: "Via token" }, headers })).status).toBe(200);
    expect((await orgRow(org.id))?.name).toBe("Via token");
  });

  it("allows same-origin writes and cross-site reads with the cookie", async () => {
    const org = await seedOrg([[dave, "owner"]]);
    const same = await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: dave, body: { description: "same origin" } });
    expect(same.status).toBe(200);
    // Typed in the address bar / bookmarks (Sec-Fetch-Site: none), and non-browser clients that send neither header.
    const typed = await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: dave, body: { description: "user-initiated" }, headers: { "sec-fetch-site": "none" } });
    expect(typed.status).toBe(200);
    const curl = await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: dave, body: { description: "curl" }, headers: { "sec-fetch-site": null, origin: null } });
    expect(curl.status).toBe(200);
    expect((await orgRow(org.id))?.description).toBe("curl");
    const read = await api("GET", `/api/v1/orgs/${org.slug}`, { as: dave, headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" } });
    expect(read.status).toBe(200);
  });

  // Only a Bearer token exempts a write from the cross-site check. A
  // browser sends cached HTTP Basic credentials (e.g. a staging site behind a proxy password) on a
  // cross-site form POST, so such a request is still cookie-authenticated and must be refused.
  it("refuses a cross-site cookie write that also carries a non-Bearer Authorization header", async () => {
    const org = await seedOrg([[dave, "owner"]]);
    const res = await api("PATCH", `/api/v1/orgs/${org.slug}`, {
      as: dave,
      body: { name: "Pwned" },
      headers: { authorization: "Basic c3RhZ2luZzpzZWNyZXQ=", "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await orgRow(org.id))?.name).toBe(org.name);
  });
});

describe("GET /api/v1/orgs pagination", () => {
  it("pages by slug with nextCursor, and validates limit", async () => {
    const erin = await person("erin");
    const slugs = ["page-c", "page-a", "page-b"].map((p) => uniqueSlug(p));
    for (const slug of slugs) {
      expect((await api("POST", "/api/v1/orgs", { as: erin, body: { name: slug, slug } })).status).toBe(201);
    }
    const sorted = [...slugs].sort();

    const first = await bodyOf(await api("GET", "/api/v1/orgs?limit=2", { as: erin }));
    expect(first.items.map((o: { slug: string }) => o.slug)).toEqual(sorted.slice(0, 2));
    expect(first.items.every((o: { role: string }) => o.role === "owner")).toBe(true);
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = await bodyOf(await api("GET", `/api/v1/orgs?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, { as: erin }));
    expect(second.items.map((o: { slug: string }) => o.slug)).toEqual(sorted.slice(2));
    expect(second.nextCursor).toBeNull();

    const all = await bodyOf(await api("GET", "/api/v1/orgs", { as: erin }));
    expect(all).toMatchObject({ nextCursor: null });
    expect(all.items.map((o: { slug: string }) => o.slug)).toEqual(sorted);

    const exact = await bodyOf(await api("GET", "/api/v1/orgs?limit=3", { as: erin }));
    expect(exact.items).toHaveLength(3);
    expect(exact.nextCursor).toBeNull();

    for (const limit of ["0", "101", "-1", "abc", "2.5"]) {
      const res = await api("GET", `/api/v1/orgs?limit=${limit}`, { as: erin });
      expect(res.status, limit).toBe(400);
      expect(await bodyOf(res)).toMatchObject({ error: { code: "validation_failed", fields: { limit: expect.any(String) } } });
    }
    expect((await api("GET", "/api/v1/orgs?limit=100", { as: erin })).status).toBe(200);
    expect((await api("GET", "/api/v1/orgs?limit=1")).status).toBe(401);
  });

  it("lists only the caller's organizations", async () => {
    const frank = await person("frank");
    const res = await bodyOf(await api("GET", "/api/v1/orgs", { as: frank }));
    expect(res).toEqual({ items: [], nextCursor: null });
  });
});

describe("GET /api/v1/orgs/{slug}/audit", () => {
  let owner: Person, admin: Person, member: Person, viewer: Person, slug: string;
  type Event = { id: number; action: string; actorId: string | null; actorRole: string | null; ip: string | null; before: unknown; after: unknown };
  const audit = async (query: string, who: Person = admin) => {
    const res = await api("GET", `/api/v1/orgs/${slug}/audit${query}`, { as: who });
    return { status: res.status, body: await bodyOf(res) };
  };

  beforeAll(async () => {
    [owner, admin, member, viewer] = await Promise.all(["owner", "admin", "member", "viewer"].map((l) => person(l)));
    slug = uniqueSlug("audited");
    const created = await bodyOf(await api("POST", "/api/v1/orgs", { as: owner, body: { name: "Audited", slug } }));
    await addMember(created.id, admin.id, "admin");
    await addMember(created.id, member.id, "member");
    await addMember(created.id, viewer.id, "viewer");
    for (const name of ["One", "Two", "Three"]) {
      expect((await api("PATCH", `/api/v1/orgs/${slug}`, { as: owner, body: { name } })).status).toBe(200);
    }
    expect((await api("DELETE", `/api/v1/orgs/${slug}/membership`, { as: member })).status).toBe(204);
    expect((await api("DELETE", `/api/v1/orgs/${slug}/membership`, { as: viewer })).status).toBe(204);
  });

  it("lists every event newest first, with actor, role, before/after and ip", async () => {
    const { status, body } = await audit("");
    expect(status).toBe(200);
    expect(body.items.map((e: Event) => e.action)).toEqual(["member.left", "member.left", "org.updated", "org.updated", "org.updated", "org.created"]);
    const ids = body.items.map((e: Event) => e.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(body.items[2]).toMatchObject({ actorId: owner.id, actorRole: "owner", before: { name: "Two" }, after: { name: "Three" }, ip: "198.51.100.1" });
    expect(body.items[0]).toMatchObject({ actorId: viewer.id, actorRole: "viewer" });
    expect(body.nextCursor).toBeNull();
  });

  it("filters by action and by actor, alone and together", async () => {
    const updated = await audit("?action=org.updated");
    expect(updated.body.items).toHaveLength(3);
    expect(updated.body.items.every((e: Event) => e.action === "org.updated" && e.actorId === owner.id)).toBe(true);

    const byMember = await audit(`?actor=${member.id}`);
    expect(byMember.body.items.map((e: Event) => [e.action, e.actorRole])).toEqual([["member.left", "member"]]);

    const both = await audit(`?action=member.left&actor=${viewer.id}`);
    expect(both.body.items.map((e: Event) => e.actorId)).toEqual([viewer.id]);

    const none = await audit(`?action=org.updated&actor=${viewer.id}`);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    expect((await audit("?action=no.such.action")).body).toEqual({ items: [], nextCursor: null });
  });

  it("pages with a keyset cursor, without gaps or repeats, also under a filter", async () => {
    const all = (await audit("")).body.items.map((e: Event) => e.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body } = await audit(`?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(body.items.length).toBeLessThanOrEqual(4);
      seen.push(...body.items.map((e: Event) => e.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(all);

    const first = (await audit("?action=org.updated&limit=2")).body;
    expect(first.items).toHaveLength(2);
    const rest = (await audit(`?action=org.updated&limit=2&cursor=${first.nextCursor}`)).body;
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items].map((e: Event) => e.after)).toEqual([{ name: "Three" }, { name: "Two" }, { name: "One" }]);
  });

  it("answers 400 to a bad cursor, limit or actor", async () => {
    for (const query of ["?cursor=abc", "?cursor=-1", "?cursor=1e5", "?limit=0", "?limit=101", "?actor=not-a-uuid", `?action=${"x".repeat(101)}`]) {
      const { status, body } = await audit(query);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("validation_failed");
    }
  });

  it("names the query parameter the client sent in a field error", async () => {
    const { body } = await audit("?actor=not-a-uuid");
    expect(Object.keys(body.error.fields)).toEqual(["actor"]);
  });

  it("is closed (404 on a private org) to people who left and to strangers", async () => {
    expect((await audit("", member)).status).toBe(404);
    const stranger = await person("stranger");
    expect((await audit("", stranger)).status).toBe(404);
  });
});

describe("renamed slugs", () => {
  let gina: Person;
  beforeAll(async () => {
    gina = await person("gina");
  });

  async function renamed(visibility: "private" | "public" = "private") {
    const org = await seedOrg([[gina, "owner"]], { visibility });
    const newSlug = uniqueSlug("renamed");
    const res = await api("PATCH", `/api/v1/orgs/${org.slug}`, { as: gina, body: { slug: newSlug.toUpperCase() } });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).slug).toBe(newSlug);
    return { org, oldSlug: org.slug, newSlug };
  }

  it("redirects the old slug with 308 to the new one, keeping the rest of the path and the query", async () => {
    const { oldSlug, newSlug } = await renamed();
    const res = await api("GET", `/api/v1/orgs/${oldSlug}`, { as: gina });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(`http://localhost:3000/api/v1/orgs/${newSlug}`);

    const sub = await api("GET", `/api/v1/orgs/${oldSlug}/audit?limit=1&action=org.updated`, { as: gina });
    expect(sub.status).toBe(308);
    expect(sub.headers.get("location")).toBe(`http://localhost:3000/api/v1/orgs/${newSlug}/audit?limit=1&action=org.updated`);

    const followed = await api("GET", new URL(res.headers.get("location")!).pathname, { as: gina });
    expect(followed.status).toBe(200);
    expect((await bodyOf(followed)).slug).toBe(newSlug);
  });

  it("follows a chain of renames to the current slug, and accepts the slug in any case", async () => {
    const { org, oldSlug, newSlug } = await renamed();
    const third = uniqueSlug("third");
    expect((await api("PATCH", `/api/v1/orgs/${newSlug}`, { as: gina, body: { slug: third } })).status).toBe(200);
    for (const slug of [oldSlug, newSlug]) {
      const res = await api("GET", `/api/v1/orgs/${slug}`, { as: gina });
      expect(res.status).toBe(308);
      expect(res.headers.get("location")).toBe(`http://localhost:3000/api/v1/orgs/${third}`);
    }
    const upper = await api("GET", `/api/v1/orgs/${third.toUpperCase()}`, { as: gina });
    expect(upper.status).toBe(200);
    expect((await bodyOf(upper)).id).toBe(org.id);
  });

  it("does not apply a write sent to the old slug", async () => {
    const { org, oldSlug } = await renamed();
    const res = await api("PATCH", `/api/v1/orgs/${oldSlug}`, { as: gina, body: { name: "Through old slug" } });
    expect(res.status).toBe(308);
    expect((await orgRow(org.id))?.name).toBe(org.name);
  });

  it("still redirects the old slug of a public org for anyone", async () => {
    const { oldSlug, newSlug } = await renamed("public");
    const res = await api("GET", `/api/v1/orgs/${oldSlug}`);
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toContain(newSlug);
  });

  it("does not reveal a private org's new slug to outsiders or anonymous callers", async () => {
    const { oldSlug, newSlug } = await renamed("private");
    const outsider = await person("nosy");
    for (const who of [outsider, null]) {
      const res = await api("GET", `/api/v1/orgs/${oldSlug}`, { as: who });
      expect(res.headers.get("location") ?? "").not.toContain(newSlug);
      // The same answer, signed in or not, as for a slug nobody holds (issue 9, item 12).
      expect(res.status).toBe(404);
      expect((await bodyOf(res)).error.message).toBe("No organization by that name.");
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document describing the org routes", async () => {
    const res = await api("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text());
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/me", "/orgs", "/orgs/{slug}", "/orgs/{slug}/audit", "/orgs/{slug}/membership"]));
    expect(Object.keys(doc.paths["/orgs"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/orgs/{slug}"])).toEqual(expect.arrayContaining(["get", "patch", "delete"]));
    // Generated from the zod schemas: the slug rules are in it.
    const createSchema = doc.paths["/orgs"].post.requestBody.content["application/json"].schema;
    expect(createSchema.required).toEqual(expect.arrayContaining(["name", "slug"]));
    expect(createSchema.properties.slug).toMatchObject({ maxLength: 39, minLength: 2 });
    const limit = doc.paths["/orgs"].get.parameters.find((p: { name: string }) => p.name === "limit");
    expect(limit.schema).toMatchObject({ maximum: 100, minimum: 1 });
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.slice(22, -1)], ref).toBeDefined();
  });

  it("describes every method of every route handler under /api/v1, each with a unique operationId", async () => {
    const doc = JSON.parse(await (await api("GET", "/api/v1/openapi.json")).text());
    const root = path.resolve("app/api/v1");
    const routes = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts") && !f.includes("[..."));
    const documented = new Set<string>();
    const operationIds: string[] = [];
    for (const [route, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>))
      for (const [method, op] of Object.entries(item)) {
        if (method === "parameters") continue;
        documented.add(`${method.toUpperCase()} ${route}`);
        operationIds.push(op.operationId ?? `(none for ${method} ${route})`);
      }
    const handlers = routes.flatMap((file) => {
      const route = `/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, "");
      const methods = [...readFileSync(path.join(root, file), "utf8").matchAll(/^export const (GET|POST|PUT|PATCH|DELETE) =/gm)].map((m) => m[1]);
      return methods.map((m) => `${m} ${route}`);
    });
    expect(handlers.length).toBeGreaterThan(50);
    expect(handlers.filter((h) => !documented.has(h) && h !== "GET /openapi.json")).toEqual([]);
    expect(operationIds.filter((id, i) => !/^[a-z]\w+$/i.test(id) || operationIds.indexOf(id) !== i)).toEqual([]);
  });
});
