/**
 * The model registry: the permission matrix as one literal table run through the services and
 * through HTTP, then immutable numbered versions, aliases with history and ?at=, atomic
 * multi-alias moves, protected aliases, bad input, and concurrent alias moves on one model.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { registryAliasEvents, registryModels, registryModelVersions } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import type { OrgRole } from "@/lib/authz";
import { AppError } from "@/lib/errors";
import { aliasHistory, createModel, deleteModel, getModel, listModels, modelAliasEvents, moveAliases, registerVersion, setAliasProtection } from "@/lib/registry/service";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { lastAudit } from "../support/invitations";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";
import { seedOrg } from "../support/orgs";
import { orgActorOf, quickPerson, type Person } from "../support/people";
import { DIGEST, seedModel, seedTeam } from "../support/registry";

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

type Route =
  | "GET /models"
  | "POST /models"
  | "GET /models/{m}"
  | "POST /versions"
  | "POST /aliases staging"
  | "POST /aliases production"
  | "GET /aliases/{a}"
  | "GET /history"
  | "PATCH /aliases/{a}"
  | "DELETE /models/{m}";
/**
 * The model under test: created by another owner ("owner two") or by the calling admin ("admin").
 * @production points at v1 and is protected ("team": with a team the member is on); @staging at v1, unprotected.
 */
type Setup = "owner two" | "admin" | "team";

const move = (alias: string) => ({ moves: [{ name: alias, version: 2 }], reason: "better AUC" });
const CALLS: Record<Route, { http: [string, string, unknown?]; service: (a: OrgActor) => Promise<unknown> }> = {
  "GET /models": { http: ["GET", "/models"], service: (a) => listModels(a, {}) },
  "POST /models": { http: ["POST", "/models", { name: "fresh" }], service: (a) => createModel(a, { name: "fresh" }) },
  "GET /models/{m}": { http: ["GET", "/models/churn"], service: (a) => getModel(a, "churn") },
  "POST /versions": { http: ["POST", "/models/churn/versions", { outputs: { auc: 0.95 } }], service: (a) => registerVersion(a, "churn", { outputs: { auc: 0.95 } }) },
  "POST /aliases staging": { http: ["POST", "/models/churn/aliases", move("staging")], service: (a) => moveAliases(a, "churn", move("staging")) },
  "POST /aliases production": { http: ["POST", "/models/churn/aliases", move("production")], service: (a) => moveAliases(a, "churn", move("production")) },
  "GET /aliases/{a}": { http: ["GET", "/models/churn/aliases/production"], service: (a) => aliasHistory(a, "churn", "production", {}) },
  "GET /history": { http: ["GET", "/models/churn/history"], service: (a) => modelAliasEvents(a, "churn") },
  "PATCH /aliases/{a}": { http: ["PATCH", "/models/churn/aliases/staging", { protected: true }], service: (a) => setAliasProtection(a, "churn", "staging", { protected: true }) },
  "DELETE /models/{m}": { http: ["DELETE", "/models/churn"], service: (a) => deleteModel(a, "churn") },
};

const MATRIX: [Route, Setup, string][] = [
  // route                     setup        owner admin member viewer outsider anonymous
  ["GET /models",              "owner two", "200   200   200    200    404      404"],
  ["POST /models",             "owner two", "201   201   403    403    404      404"],
  ["GET /models/{m}",          "owner two", "200   200   200    200    404      404"],
  ["POST /versions",           "owner two", "201   201   403    403    404      404"],
  ["POST /aliases staging",    "owner two", "200   200   200    403    404      404"],
  ["POST /aliases production", "owner two", "200   200   403    403    404      404"],
  ["POST /aliases production", "team",      "200   200   200    403    404      404"],
  ["GET /aliases/{a}",         "owner two", "200   200   200    200    404      404"],
  ["GET /history",             "owner two", "200   200   200    200    404      404"],
  ["PATCH /aliases/{a}",       "owner two", "200   200   403    403    404      404"],
  ["DELETE /models/{m}",       "owner two", "204   403   403    403    404      404"],
  ["DELETE /models/{m}",       "admin",     "204   204   403    403    404      404"],
];

const cases = MATRIX.flatMap(([route, setup, statuses]) =>
  statusesByCaller(statuses, CALLERS).flatMap(({ caller, status }) => (["http", "service"] as const).map((channel) => ({ route, setup, caller, status, channel }))),
);

async function setUp(setup: Setup) {
  const org = await freshOrg();
  const by = setup === "admin" ? callers.admin : secondOwner;
  await seedModel(by, org.slug);
  const actor = await orgActorOf(by, org.slug);
  await moveAliases(actor, "churn", { moves: [{ name: "production", version: 1 }, { name: "staging", version: 1 }] });
  const team = setup === "team" ? await seedTeam(org.id, "ml", [callers.member]) : null;
  await setAliasProtection(await orgActorOf(secondOwner, org.slug), "churn", "production", { protected: true, team: team?.slug ?? null });
  return org;
}

describe("registry permissions (one table, through the services and through HTTP)", () => {
  it.each(cases)("$channel · $caller · $route ($setup) → $status", async ({ route, setup, caller, status, channel }) => {
    const org = await setUp(setup);
    const call = CALLS[route];
    const db = await getDb();
    const events = await db.$count(registryAliasEvents);
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
    if (status >= 400) {
      const [model] = await db.select().from(registryModels).where(eq(registryModels.orgId, org.id));
      expect(await db.$count(registryAliasEvents)).toBe(events);
      expect(await db.$count(registryModelVersions, eq(registryModelVersions.modelId, model.id))).toBe(2);
    }
  });

  it("says why a protected alias did not move", async () => {
    const org = await setUp("owner two");
    const res = await api("POST", `/api/v1/orgs/${org.slug}/models/churn/aliases`, { as: callers.member, body: move("production") });
    expect((await bodyOf(res)).error.message).toBe("@production is protected: only owners and admins may move it.");
    const team = await seedTeam(org.id, "platform", []);
    await setAliasProtection(await orgActorOf(callers.owner, org.slug), "churn", "production", { protected: true, team: team.slug });
    const again = await api("POST", `/api/v1/orgs/${org.slug}/models/churn/aliases`, { as: callers.member, body: move("production") });
    expect((await bodyOf(again)).error.message).toBe("@production is protected: only owners, admins and members of PLATFORM may move it.");
  });
});

describe("versions and aliases", () => {
  it("numbers versions and keeps what they were registered with", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const model = await getModel(await orgActorOf(callers.viewer, org.slug), "churn");
    expect(model.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(model.versions[1]).toMatchObject({ inputs: { lr: 0.01 }, outputs: { auc: 0.91 }, artifacts: [{ path: "model.pkl", digest: DIGEST, size: 1024 }], createdBy: "Owner" });
    expect(await lastAudit(org.id)).toMatchObject({ action: "registry.version.registered", targetLabel: "churn v2" });
  });

  it("moves @production and @previous together, and answers what @production was at any time", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const base = `/api/v1/orgs/${org.slug}/models/churn`;
    await api("POST", `${base}/aliases`, { as: callers.admin, body: { moves: [{ name: "production", version: 1 }] } });
    // The first move's time to the microsecond (a JavaScript Date would cut it to the millisecond, before the move).
    const [{ t1 }] = await (await getDb())
      .select({ t1: sql<string>`to_char(${registryAliasEvents.at} at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(registryAliasEvents)
      .innerJoin(registryModels, eq(registryModels.id, registryAliasEvents.modelId))
      .where(eq(registryModels.orgId, org.id));
    const res = await api("POST", `${base}/aliases`, { as: callers.owner, body: { moves: [{ name: "production", version: 2, expected: 1 }, { name: "previous", version: 1 }], reason: "v2 wins" } });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).aliases).toMatchObject([{ name: "previous", version: 1 }, { name: "production", version: 2 }]);
    const history = await bodyOf(await api("GET", `${base}/aliases/production`, { as: callers.viewer }));
    expect(history.events.map((e: { from: number; to: number }) => [e.from, e.to])).toEqual([[1, 2], [null, 1]]);
    expect(history.events[0]).toMatchObject({ actor: "Owner", reason: "v2 wins" });
    const atT1 = await bodyOf(await api("GET", `${base}/aliases/production?at=${encodeURIComponent(t1)}`, { as: callers.viewer }));
    expect(atT1.version).toBe(1);
    expect((await bodyOf(await api("GET", `${base}/aliases/production?at=1999-12-31T23:59:59Z`, { as: callers.viewer }))).version).toBeNull();
    // The model's history: every alias's moves, newest first (one request moves two: same time, either order).
    const all = await bodyOf(await api("GET", `${base}/history`, { as: callers.viewer }));
    expect(all.items.slice(0, 2).map((e: { alias: string }) => e.alias).sort()).toEqual(["previous", "production"]);
    expect(all.items.map((e: { alias: string; from: number | null; to: number; actor: string; reason: string }) => [e.alias, e.from, e.to, e.actor, e.reason]).slice(-1)).toEqual([["production", null, 1, "Admin", ""]]);
    expect(all.items).toHaveLength(3);
    expect((await api("GET", `${base}/aliases/nosuch`, { as: callers.viewer })).status).toBe(404);
    expect((await api("GET", `${base}/aliases/production?at=not-a-time`, { as: callers.viewer })).status).toBe(400);
    expect(await lastAudit(org.id)).toMatchObject({ action: "registry.aliases.moved", before: { "@production": 1, "@previous": null }, after: { "@production": 2, "@previous": 1, reason: "v2 wins" } });
  });

  it("moves nothing when one alias of the batch is protected from the mover or points at no version", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const owner = await orgActorOf(callers.owner, org.slug);
    await moveAliases(owner, "churn", { moves: [{ name: "production", version: 1 }, { name: "staging", version: 1 }] });
    await setAliasProtection(owner, "churn", "production", { protected: true });
    const base = `/api/v1/orgs/${org.slug}/models/churn/aliases`;
    expect((await api("POST", base, { as: callers.member, body: { moves: [{ name: "staging", version: 2 }, { name: "production", version: 2 }] } })).status).toBe(403);
    expect((await api("POST", base, { as: callers.member, body: { moves: [{ name: "staging", version: 2 }, { name: "canary", version: 7 }] } })).status).toBe(404);
    expect((await getModel(owner, "churn")).aliases.map((a) => [a.name, a.version])).toEqual([["production", 1], ["staging", 1]]);
  });

  it.each([
    ["a negative artifact size", { artifacts: [{ path: "m.pkl", digest: DIGEST, size: -1 }] }, "artifacts.0.size"],
    ["a malformed digest", { artifacts: [{ path: "m.pkl", digest: "md5:abc", size: 1 }] }, "artifacts.0.digest"],
    ["huge inputs", { inputs: { blob: "x".repeat(70_000) } }, "inputs"],
    ["inputs that are not an object", { inputs: [1, 2] }, "inputs"],
    ["an unknown field", { stage: "production" }, "_"],
  ])("refuses a version with %s, and registers nothing", async (_label, body, field) => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const res = await api("POST", `/api/v1/orgs/${org.slug}/models/churn/versions`, { as: callers.owner, body });
    expect(res.status).toBe(400);
    expect(Object.keys((await bodyOf(res)).error.fields)).toContain(field);
    expect((await getModel(await orgActorOf(callers.owner, org.slug), "churn")).versions).toHaveLength(2);
  });

  it("refuses a duplicate model name in any case, an unknown owner team, and a team on an unprotected alias", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const dup = await api("POST", `/api/v1/orgs/${org.slug}/models`, { as: callers.owner, body: { name: "CHURN" } });
    expect([dup.status, (await bodyOf(dup)).error.fields]).toEqual([409, { name: "A model by that name already exists." }]);
    const team = await api("POST", `/api/v1/orgs/${org.slug}/models`, { as: callers.owner, body: { name: "other", ownerTeam: "nosuch" } });
    expect([team.status, (await bodyOf(team)).error.fields]).toEqual([400, { ownerTeam: "No team by that name in this organization." }]);
    await moveAliases(await orgActorOf(callers.owner, org.slug), "churn", { moves: [{ name: "staging", version: 1 }] });
    await seedTeam(org.id, "ml", []);
    const res = await api("PATCH", `/api/v1/orgs/${org.slug}/models/churn/aliases/staging`, { as: callers.owner, body: { protected: false, team: "ml" } });
    expect(res.status).toBe(400);
    expect((await api("PATCH", `/api/v1/orgs/${org.slug}/models/churn/aliases/nosuch`, { as: callers.owner, body: { protected: true } })).status).toBe(404);
    expect(await (await getDb()).$count(registryModels, eq(registryModels.orgId, org.id))).toBe(1);
  });
});

describe("concurrent alias moves", () => {
  it("lets exactly one of two moves from the same @production win, with a consistent history", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const owner = await orgActorOf(callers.owner, org.slug);
    const admin = await orgActorOf(callers.admin, org.slug);
    await registerVersion(owner, "churn", {});
    await moveAliases(owner, "churn", { moves: [{ name: "production", version: 1 }] });
    const results = await Promise.allSettled([
      moveAliases(owner, "churn", { moves: [{ name: "production", version: 2, expected: 1 }] }),
      moveAliases(admin, "churn", { moves: [{ name: "production", version: 3, expected: 1 }, { name: "previous", version: 1 }] }),
    ]);
    const won = results.findIndex((r) => r.status === "fulfilled");
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results[1 - won] as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    const history = await aliasHistory(owner, "churn", "production", {});
    expect(history.events.map((e) => [e.from, e.to])).toEqual([[1, won === 0 ? 2 : 3], [null, 1]]);
    expect((await getModel(owner, "churn")).aliases.find((a) => a.name === "production")!.version).toBe(won === 0 ? 2 : 3);
  });

  it("applies concurrent moves without `expected` one after the other, each event starting where the last ended", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const owner = await orgActorOf(callers.owner, org.slug);
    await registerVersion(owner, "churn", {});
    await Promise.all([1, 2, 3, 2, 1].map((version) => moveAliases(owner, "churn", { moves: [{ name: "production", version }] })));
    const events = (await aliasHistory(owner, "churn", "production", {})).events.reverse();
    expect(events[0].from).toBeNull();
    for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to);
    expect((await getModel(owner, "churn")).aliases[0].version).toBe(events[events.length - 1].to);
  });
});
