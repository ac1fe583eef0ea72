/**
 * The component hub: the permission matrix as one literal table run through the services and
 * through HTTP, then versions (content-addressed, numbered), tags with history and ?at=, the diff,
 * bad input, and concurrent tag moves.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { hubComponents, hubTagEvents, projects } from "@/db/schema";
import { deleteRun } from "@/lib/runs/actions";
import { createRuns } from "@/lib/runs/service";
import type { OrgRole } from "@/lib/authz";
import { AppError } from "@/lib/errors";
import { componentTagEvents, createComponent, deleteComponent, diffVersions, getComponent, getVersion, listComponents, moveTags, pushVersion, tagHistory } from "@/lib/hub/service";
import type { OrgActor } from "@/lib/auth/context";
import { componentOfDigest, componentUsage } from "@/lib/hub/usage";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { SPEC_V1, SPEC_V2, seedComponent } from "../support/hub";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";
import { lastAudit } from "../support/invitations";
import { seedOrg } from "../support/orgs";
import { orgActorOf, quickPerson, type Person } from "../support/people";

useFreshDatabase();

type Caller = OrgRole | "outsider" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "outsider", "anonymous"];
let callers: Record<Exclude<Caller, "anonymous">, Person>;
let secondOwner: Person;

beforeAll(async () => {
  const make = (name: string) => quickPerson({ name });
  callers = { owner: await make("Owner"), admin: await make("Admin"), member: await make("Member"), viewer: await make("Viewer"), outsider: await make("Outsider") };
  secondOwner = await make("Owner Two");
  await seedOrg([[callers.outsider, "owner"]]);
});

const as = (caller: Caller) => (caller === "anonymous" ? null : callers[caller]);
const freshOrg = () =>
  seedOrg([
    [callers.owner, "owner"],
    [secondOwner, "owner"],
    [callers.admin, "admin"],
    [callers.member, "member"],
    [callers.viewer, "viewer"],
  ]);

type Route = "GET /components" | "POST /components" | "GET /components/{c}" | "POST /versions" | "GET /versions/{n}" | "GET /diff" | "POST /tags" | "GET /tags/{t}" | "GET /history" | "GET /runs" | "DELETE /components/{c}";
/** creator: who created the component under test ("admin": the calling admin; "owner two": another owner). */
type Creator = "owner two" | "admin";

/** One call, through HTTP or through the service the route handler calls. */
const CALLS: Record<Route, { http: [string, string, unknown?]; service: (a: OrgActor) => Promise<unknown> }> = {
  "GET /components": { http: ["GET", "/components"], service: (a) => listComponents(a, {}) },
  "POST /components": { http: ["POST", "/components", { name: "fresh", spec: SPEC_V1 }], service: (a) => createComponent(a, { name: "fresh", spec: SPEC_V1 }) },
  "GET /components/{c}": { http: ["GET", "/components/train"], service: (a) => getComponent(a, "train") },
  "POST /versions": { http: ["POST", "/components/train/versions", { spec: SPEC_V2.replace("2.0", "3.0") }], service: (a) => pushVersion(a, "train", { spec: SPEC_V2.replace("2.0", "3.0") }) },
  "GET /versions/{n}": { http: ["GET", "/components/train/versions/1"], service: (a) => getVersion(a, "train", "1") },
  "GET /diff": { http: ["GET", "/components/train/diff?from=1&to=2"], service: (a) => diffVersions(a, "train", { from: "1", to: "2" }) },
  "POST /tags": { http: ["POST", "/components/train/tags", { moves: [{ name: "stable", version: 2 }] }], service: (a) => moveTags(a, "train", { moves: [{ name: "stable", version: 2 }] }) },
  "GET /tags/{t}": { http: ["GET", "/components/train/tags/latest"], service: (a) => tagHistory(a, "train", "latest", {}) },
  "GET /history": { http: ["GET", "/components/train/history"], service: (a) => componentTagEvents(a, "train") },
  "GET /runs": { http: ["GET", "/components/train/runs"], service: (a) => componentUsage(a, "train") },
  "DELETE /components/{c}": { http: ["DELETE", "/components/train"], service: (a) => deleteComponent(a, "train") },
};

const MATRIX: [Route, Creator, string][] = [
  // route                   creator       owner admin member viewer outsider anonymous
  ["GET /components",        "owner two", "200   200   200    200    404      404"],
  ["POST /components",       "owner two", "201   201   403    403    404      404"],
  ["GET /components/{c}",    "owner two", "200   200   200    200    404      404"],
  ["POST /versions",         "owner two", "201   201   403    403    404      404"],
  ["GET /versions/{n}",      "owner two", "200   200   200    200    404      404"],
  ["GET /diff",              "owner two", "200   200   200    200    404      404"],
  ["POST /tags",             "owner two", "200   200   403    403    404      404"],
  ["GET /tags/{t}",          "owner two", "200   200   200    200    404      404"],
  ["GET /history",           "owner two", "200   200   200    200    404      404"],
  ["GET /runs",              "owner two", "200   200   200    200    404      404"],
  ["DELETE /components/{c}", "owner two", "204   403   403    403    404      404"],
  ["DELETE /components/{c}", "admin",     "204   204   403    403    404      404"],
];

const cases = MATRIX.flatMap(([route, creator, statuses]) =>
  statusesByCaller(statuses, CALLERS).flatMap(({ caller, status }) => (["http", "service"] as const).map((channel) => ({ route, creator, caller, status, channel }))),
);

async function setUp(creator: Creator) {
  const org = await freshOrg();
  const by = creator === "admin" ? callers.admin : secondOwner;
  await seedComponent(by, org.slug);
  await moveTags(await orgActorOf(by, org.slug), "train", { moves: [{ name: "latest", version: 2 }] });
  return org;
}

describe("hub permissions (one table, through the services and through HTTP)", () => {
  it.each(cases)("$channel · $caller · $route (created by $creator) → $status", async ({ route, creator, caller, status, channel }) => {
    const org = await setUp(creator);
    const call = CALLS[route];
    const db = await getDb();
    const before = await db.$count(hubTagEvents);
    if (channel === "http") {
      const [method, path, body] = call.http;
      const res = await api(method, `/api/v1/orgs/${org.slug}${path}`, { as: as(caller), body });
      expect(res.status).toBe(status);
      if (status >= 400) expect((await bodyOf(res)).error.code).toBe(ERROR_CODE[status]);
    } else {
      const outcome = await call.service(await orgActorOf(as(caller), org.slug)).then(
        () => 200,
        (e) => (e instanceof AppError ? e.status : Promise.reject(e)),
      );
      expect(outcome).toBe(status >= 400 ? status : 200);
    }
    // A refused call writes nothing.
    if (status >= 400) {
      expect(await db.$count(hubTagEvents)).toBe(before);
      expect(await db.$count(hubComponents, eq(hubComponents.orgId, org.id))).toBe(1);
    }
  });
});

describe("versions", () => {
  it("numbers versions, gives the same spec back as the same version, and records who pushed what", async () => {
    const org = await freshOrg();
    const owner = await orgActorOf(callers.owner, org.slug);
    await seedComponent(callers.owner, org.slug);
    const again = await api("POST", `/api/v1/orgs/${org.slug}/components/train/versions`, { as: callers.owner, body: { spec: `# same\n${SPEC_V1}` } });
    expect(again.status).toBe(200);
    expect(await bodyOf(again)).toMatchObject({ created: false, version: { number: 1 } });
    const detail = await getComponent(owner, "train");
    expect(detail.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(detail.latestVersion).toBe(2);
    const byDigest = await getVersion(owner, "train", detail.versions[1].digest);
    expect(byDigest.number).toBe(1);
    expect(byDigest.source).toBe(SPEC_V1);
    expect(await lastAudit(org.id)).toMatchObject({ action: "hub.version.pushed", targetLabel: "train v2" });
  });

  it("refuses a malformed spec at its line with a 400 on the field, and writes nothing", async () => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    const res = await api("POST", `/api/v1/orgs/${org.slug}/components/train/versions`, { as: callers.admin, body: { spec: SPEC_V1.replace("type: float", "type: double") } });
    expect(res.status).toBe(400);
    const { error } = await bodyOf(res);
    expect(error.fields.spec).toMatch(/^Line 3, column 11: inputs\.0\.type: Must be one of/);
    expect((await getComponent(await orgActorOf(callers.owner, org.slug), "train")).versions).toHaveLength(2);
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["an upper-case name is lower-cased, so a second one conflicts", { name: "TRAIN" }, "name"],
    ["HTML in the name", { name: "<b>x</b>" }, "name"],
    ["a SQL name", { name: "x'; drop table hub_components; --" }, "name"],
    ["an unknown field", { name: "ok", extra: 1 }, "_"],
    ["too many tags", { name: "ok", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
  ])("refuses %s when creating", async (_label, body, field) => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    const res = await api("POST", `/api/v1/orgs/${org.slug}/components`, { as: callers.owner, body });
    expect([400, 409]).toContain(res.status);
    expect(Object.keys((await bodyOf(res)).error.fields ?? {})).toContain(field);
    expect(await (await getDb()).$count(hubComponents, eq(hubComponents.orgId, org.id))).toBe(1);
  });

  it("answers 404 for an unknown component, version or tag, and for another organization's component", async () => {
    const org = await freshOrg();
    const other = await freshOrg();
    await seedComponent(callers.owner, other.slug, "theirs");
    for (const path of ["/components/nope", "/components/theirs", "/components/nope/versions/1", "/components/nope/tags/latest"]) {
      expect((await api("GET", `/api/v1/orgs/${org.slug}${path}`, { as: callers.member })).status).toBe(404);
    }
    await seedComponent(callers.owner, org.slug);
    for (const path of ["/components/train/versions/9", "/components/train/versions/sha256:00", "/components/train/versions/nosuchtag", "/components/train/tags/nosuchtag", "/components/train/diff?from=1&to=9"]) {
      expect((await api("GET", `/api/v1/orgs/${org.slug}${path}`, { as: callers.member })).status).toBe(404);
    }
    expect((await api("GET", `/api/v1/orgs/${org.slug}/components/train/diff?from=x&to=2`, { as: callers.member })).status).toBe(400);
  });
});

describe("tags", () => {
  it("moves several tags at once, keeps every move in the history and answers what a tag was at a time", async () => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    const base = `/api/v1/orgs/${org.slug}/components/train`;
    const first = await api("POST", `${base}/tags`, { as: callers.admin, body: { moves: [{ name: "stable", version: 1 }, { name: "latest", version: 2 }], reason: "first release" } });
    expect(first.status).toBe(200);
    expect((await bodyOf(first)).tags).toMatchObject([{ name: "latest", version: 2 }, { name: "stable", version: 1 }]);
    const [{ t1 }] = await (await getDb()).select({ t1: sql<string>`to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` }).from(sql`(select 1) as one`);
    await api("POST", `${base}/tags`, { as: callers.owner, body: { moves: [{ name: "stable", version: 2, expected: 1 }] } });
    await api("POST", `${base}/tags`, { as: callers.owner, body: { moves: [{ name: "latest", version: null }] } });

    const history = await bodyOf(await api("GET", `${base}/tags/stable`, { as: callers.viewer }));
    expect(history.version).toBe(2);
    expect(history.events.map((e: { from: number | null; to: number }) => [e.from, e.to])).toEqual([[1, 2], [null, 1]]);
    expect(history.events[1]).toMatchObject({ actor: "Admin", reason: "first release" });
    const then = await bodyOf(await api("GET", `${base}/tags/stable?at=${encodeURIComponent(t1)}`, { as: callers.viewer }));
    expect(then.version).toBe(1);
    const before = await bodyOf(await api("GET", `${base}/tags/stable?at=2000-01-01T00:00:00Z`, { as: callers.viewer }));
    expect(before.version).toBeNull();
    // Removed: gone from the list, its history says so.
    expect((await bodyOf(await api("GET", `${base}/tags`, { as: callers.viewer }))).items.map((t: { name: string }) => t.name)).toEqual(["stable"]);
    expect((await bodyOf(await api("GET", `${base}/tags/latest`, { as: callers.viewer }))).version).toBeNull();
    expect((await api("GET", `${base}/tags/stable?at=yesterday`, { as: callers.viewer })).status).toBe(400);
  });

  it("moves none of the tags when one move is bad", async () => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    const base = `/api/v1/orgs/${org.slug}/components/train`;
    const bad = [
      [{ moves: [{ name: "stable", version: 1 }, { name: "latest", version: 9 }] }, 404],
      [{ moves: [{ name: "stable", version: 1 }, { name: "latest", version: null }] }, 404],
      [{ moves: [{ name: "stable", version: 1 }, { name: "stable", version: 2 }] }, 400],
      [{ moves: [{ name: "42", version: 1 }] }, 400],
      [{ moves: [{ name: "stable", version: -1 }] }, 400],
      [{ moves: [{ name: "stable", version: 1, expected: 2 }] }, 409],
      [{ moves: [] }, 400],
    ] as const;
    for (const [body, status] of bad) expect((await api("POST", `${base}/tags`, { as: callers.owner, body })).status).toBe(status);
    expect((await getComponent(await orgActorOf(callers.owner, org.slug), "train")).pointers).toEqual([]);
  });

  it("lets exactly one of two concurrent moves from the same state win", async () => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    const actor = await orgActorOf(callers.owner, org.slug);
    await moveTags(actor, "train", { moves: [{ name: "stable", version: 1 }] });
    const results = await Promise.allSettled([
      moveTags(actor, "train", { moves: [{ name: "stable", version: 2, expected: 1 }] }),
      moveTags(await orgActorOf(callers.admin, org.slug), "train", { moves: [{ name: "stable", version: 2, expected: 1 }, { name: "latest", version: 2 }] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const history = await tagHistory(actor, "train", "stable", {});
    expect(history.events.map((e) => [e.from, e.to])).toEqual([[1, 2], [null, 1]]);
    const all = await componentTagEvents(actor, "train");
    expect(all.map((e) => e.tag).sort()).toEqual(results[0].status === "fulfilled" ? ["stable", "stable"] : ["latest", "stable", "stable"]);
  });

  it("keeps the history append-only in the database itself", async () => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    await moveTags(await orgActorOf(callers.owner, org.slug), "train", { moves: [{ name: "stable", version: 1 }] });
    const db = await getDb();
    await expect(db.update(hubTagEvents).set({ reason: "rewritten" })).rejects.toThrow();
    await expect(db.delete(hubTagEvents)).rejects.toThrow();
    expect(await db.$count(hubTagEvents, eq(hubTagEvents.reason, "rewritten"))).toBe(0);
  });
});

describe("which runs used each version", () => {
  it("counts the runs of each version in the projects the caller may read, newest first, without deleted runs", async () => {
    const org = await freshOrg();
    await seedComponent(callers.owner, org.slug);
    const owner = await orgActorOf(callers.owner, org.slug);
    const [v1, v2] = [(await getVersion(owner, "train", "1")).digest, (await getVersion(owner, "train", "2")).digest];
    const db = await getDb();
    await db.insert(projects).values([
      { orgId: org.id, name: "Open", slug: "open", visibility: "internal" },
      { orgId: org.id, name: "Secret", slug: "secret", visibility: "private" },
    ]);
    await createRuns(owner, "open", { runs: [{ name: "first", componentDigest: v1 }, { name: "second", componentDigest: v1 }, { name: "other", componentDigest: v2 }, { name: "plain" }] });
    await createRuns(owner, "secret", { runs: [{ name: "hidden", componentDigest: v1 }] });
    await deleteRun(owner, "open", 3);

    const asOwner = await componentUsage(owner, "train");
    expect(asOwner[1].runs).toBe(3);
    expect(asOwner[1].latest.map((r) => `${r.project.slug}#${r.number}`).sort()).toEqual(["open#1", "open#2", "secret#1"]);
    expect(asOwner[2]).toBeUndefined();
    // A member does not see the private project's run, through the service or HTTP.
    const asMember = await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/components/train/runs`, { as: callers.member }));
    expect(asMember.versions["1"].runs).toBe(2);
    expect(asMember.versions["1"].latest.map((r: { name: string }) => r.name).sort()).toEqual(["first", "second"]);
    // A run's page names the component version it ran, for whoever sees the hub.
    expect(await componentOfDigest(owner, v1)).toEqual({ name: "train", version: 1 });
    expect(await componentOfDigest(owner, `sha256:${"0".repeat(64)}`)).toBeNull();
    expect(await componentOfDigest(await orgActorOf(callers.outsider, org.slug), v1)).toBeNull();
  });
});

describe("OpenAPI", () => {
  it("describes every hub route with an operationId, unique across the document", async () => {
    const doc = await bodyOf(await api("GET", "/api/v1/openapi.json"));
    const hub = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>).filter(([path]) => path.includes("/components"));
    expect(hub.map(([path]) => path)).toHaveLength(10);
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) => Object.values(item).flatMap((op) => (op && typeof op === "object" && "operationId" in op ? [op.operationId] : [])));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, item] of hub) for (const [method, op] of Object.entries(item)) if (method !== "parameters") expect(op.operationId, method).toMatch(/^[a-z][A-Za-z]+$/);
    expect(doc.paths["/orgs/{slug}/components/{name}/tags"].post.requestBody.content["application/json"].schema.properties.moves.maxItems).toBe(20);
  });
});
