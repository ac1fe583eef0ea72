/**
 * Who may do what with runs, as a literal table: each caller × action, through the route handlers
 * and through the services, on a fresh organization each time, with the database compared before
 * and after. Project "vision" is internal in a private organization: members inherit write,
 * viewers read; reader and writer are outsiders with direct read and write grants; the run token
 * was created by the member; the personal access tokens are the member's (one read-only, one
 * limited to the projects area).
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { registryModelVersions, runArtifacts, runConditions, runs, runTokens } from "@/db/schema";
import { loadActor, toOrgActor } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { createModel } from "@/lib/registry/service";
import { bulkRuns, deleteRun, purgeRun, stopRun, tagRun, archiveRun } from "@/lib/runs/actions";
import { addArtifacts } from "@/lib/runs/artifacts";
import { getRun, listRuns } from "@/lib/runs/list";
import { promoteRun } from "@/lib/runs/promote";
import { createRuns, updateRun } from "@/lib/runs/service";
import { createRunToken } from "@/lib/runs/tokens";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { ERROR_CODE, statusesByCaller } from "../../support/matrix";
import { artifact, patFor, runsFixture, runTokenFor } from "../../support/runs";

useFreshDatabase();

const CALLERS = ["owner", "admin", "member", "viewer", "reader", "writer", "stranger", "anonymous", "run token", "read-only PAT", "projects PAT"] as const;
type Caller = (typeof CALLERS)[number];
type Action = "list" | "get" | "create" | "update" | "artifacts" | "stop" | "tag" | "archive" | "delete own" | "delete other's" | "purge" | "bulk tag" | "promote" | "make token";

// action             owner admin member viewer reader writer stranger anon token ro-PAT projects-PAT
const MATRIX: [Action, string][] = [
  ["list",            "200   200   200    200    200    200    404      404  200   200    403"],
  ["get",             "200   200   200    200    200    200    404      404  200   200    403"],
  ["create",          "201   201   201    403    403    201    404      404  201   403    403"],
  ["update",          "200   200   200    403    403    200    404      404  200   403    403"],
  ["artifacts",       "201   201   201    403    403    201    404      404  201   403    403"],
  ["stop",            "200   200   200    403    403    200    404      404  403   403    403"],
  ["tag",             "200   200   200    403    403    200    404      404  403   403    403"],
  ["archive",         "200   200   200    403    403    200    404      404  403   403    403"],
  ["delete own",      "200   200   200    403    403    403    404      404  403   403    403"],
  ["delete other's",  "200   200   403    403    403    200    404      404  403   403    403"],
  ["purge",           "204   204   403    403    403    403    404      404  403   403    403"],
  ["bulk tag",        "200   200   200    403    403    200    404      404  403   403    403"],
  ["promote",         "201   201   403    403    404    404    404      404  403   403    403"],
  ["make token",      "201   201   201    403    403    201    404      404  403   403    403"],
];
const cases = MATRIX.flatMap(([action, statuses]) => {
  const row = statusesByCaller(statuses, CALLERS);
  // The personal access tokens are the member's: their refusals name the token only where the member may act.
  const memberMay = row.find((c) => c.caller === "member")!.status < 400;
  return row.map((c) => ({ action, memberMay, ...c }));
});

/**
 * Run 1: the member's, running. Run 2: the writer's. Run 3: the member's, deleted (for purge).
 * "delete own" deletes run 1 (own for the member; for the writer someone else's), "delete other's"
 * run 2 (the writer's own).
 */
async function fixture() {
  const f = await runsFixture();
  const member = await f.actor(f.people.member);
  await createRuns(member, "vision", { runs: [{ name: "mine", status: "running" }] });
  await createRuns(await f.actor(f.people.writer), "vision", { runs: [{ name: "writer's", status: "running" }] });
  await createRuns(member, "vision", { runs: [{ name: "trash" }] });
  await deleteRun(member, "vision", 3);
  await createModel(await f.actor(f.people.owner), { name: "vision-model" });
  const tokens: Partial<Record<Caller, string>> = {
    "run token": await runTokenFor(f.people.member, f.org.slug),
    "read-only PAT": await patFor(f.people.member, { readOnly: true }),
    "projects PAT": await patFor(f.people.member, { areas: ["projects"] }),
  };
  const person = (c: Caller) => (c in f.people ? f.people[c as keyof typeof f.people] : null);
  return { ...f, tokens, person };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

async function state(f: Fixture) {
  const db = await getDb();
  const rows = await db
    .select({ number: runs.number, status: runs.status, tags: runs.tags, archived: runs.archivedAt, deleted: runs.deletedAt, bytes: runs.bytes })
    .from(runs)
    .where(eq(runs.projectId, f.project.id))
    .orderBy(runs.number);
  return {
    runs: rows.map((r) => ({ ...r, archived: r.archived !== null, deleted: r.deleted !== null })),
    artifacts: await db.$count(runArtifacts, eq(runArtifacts.projectId, f.project.id)),
    conditions: (await db.select({ id: runConditions.id }).from(runConditions).innerJoin(runs, eq(runs.id, runConditions.runId)).where(eq(runs.projectId, f.project.id))).length,
    tokens: await db.$count(runTokens, eq(runTokens.projectId, f.project.id)),
    versions: await db.$count(registryModelVersions, eq(registryModelVersions.sourceProjectId, f.project.id)),
  };
}

const BODIES: Partial<Record<Action, unknown>> = {
  create: { runs: [{ name: "new" }] },
  update: { status: "succeeded" },
  artifacts: { artifacts: [artifact("model.pkl", 10)] },
  tag: { add: ["best"] },
  "bulk tag": { action: "tag", tag: "best", runs: [1] },
  promote: { model: "vision-model" },
  "make token": { name: "another" },
};

function viaHttp(action: Action, f: Fixture, caller: Caller) {
  const who = { as: f.person(caller), bearer: f.tokens[caller], body: BODIES[action] };
  const run = (path = "") => `${f.base}/runs/1${path}`;
  switch (action) {
    case "list": return api("GET", `${f.base}/runs`, who);
    case "get": return api("GET", run(), who);
    case "create": return api("POST", `${f.base}/runs`, who);
    case "update": return api("PATCH", run(), who);
    case "artifacts": return api("POST", run("/artifacts"), who);
    case "stop": return api("POST", run("/stop"), who);
    case "tag": return api("POST", run("/tags"), who);
    case "archive": return api("POST", run("/archive"), who);
    case "delete own": return api("DELETE", run(), who);
    case "delete other's": return api("DELETE", `${f.base}/runs/2`, who);
    case "purge": return api("POST", `${f.base}/runs/3/purge`, who);
    case "bulk tag": return api("POST", `${f.base}/runs/bulk`, who);
    case "promote": return api("POST", run("/promote"), who);
    case "make token": return api("POST", `${f.base}/run-tokens`, who);
  }
}

async function viaService(action: Action, f: Fixture, caller: Caller): Promise<number> {
  const headers = new Headers({ "user-agent": "vitest" });
  const person = f.person(caller);
  if (person) headers.set("cookie", person.cookie);
  if (f.tokens[caller]) headers.set("authorization", `Bearer ${f.tokens[caller]}`);
  const body = BODIES[action] as never;
  try {
    const { actor, org } = await loadActor(headers, f.org.slug);
    const a = toOrgActor(actor, org!);
    switch (action) {
      case "list": await listRuns(a, "vision"); return 200;
      case "get": await getRun(a, "vision", "1"); return 200;
      case "create": await createRuns(a, "vision", body); return 201;
      case "update": await updateRun(a, "vision", "1", body); return 200;
      case "artifacts": await addArtifacts(a, "vision", "1", body); return 201;
      case "stop": await stopRun(a, "vision", 1); return 200;
      case "tag": await tagRun(a, "vision", 1, body); return 200;
      case "archive": await archiveRun(a, "vision", 1); return 200;
      case "delete own": await deleteRun(a, "vision", 1); return 200;
      case "delete other's": await deleteRun(a, "vision", 2); return 200;
      case "purge": await purgeRun(a, "vision", 3); return 204;
      case "bulk tag": {
        const { results } = await bulkRuns(a, "vision", body);
        if (!results[0].ok) throw new Error(`bulk refused run 1: ${results[0].error?.message}`);
        return 200;
      }
      case "promote": await promoteRun(a, "vision", "1", body); return 201;
      case "make token": await createRunToken(a, "vision", body); return 201;
    }
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

function expectChange(action: Action, before: Awaited<ReturnType<typeof state>>, after: Awaited<ReturnType<typeof state>>) {
  const run = (n: number) => after.runs.find((r) => r.number === n);
  switch (action) {
    case "list":
    case "get":
      return expect(after).toEqual(before);
    case "create": return expect(after.runs.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    case "update": return expect(run(1)?.status).toBe("succeeded");
    case "artifacts": return expect([after.artifacts, run(1)?.bytes]).toEqual([1, 10]);
    case "stop": return expect(run(1)?.status).toBe("stopping");
    case "tag":
    case "bulk tag":
      return expect(run(1)?.tags).toEqual(["best"]);
    case "archive": return expect(run(1)?.archived).toBe(true);
    case "delete own": return expect(run(1)?.deleted).toBe(true);
    case "delete other's": return expect(run(2)?.deleted).toBe(true);
    case "purge": return expect(run(3)).toBeUndefined();
    case "promote": return expect(after.versions).toBe(1);
    case "make token": return expect(after.tokens).toBe(2);
  }
}

describe("runs: the permission matrix", () => {
  it("has a status for every action × caller", () => {
    expect(cases).toHaveLength(MATRIX.length * CALLERS.length);
  });

  it.each(cases)("HTTP: $action as $caller → $status", async ({ action, caller, status, memberMay }) => {
    const f = await fixture();
    const before = await state(f);
    const res = await viaHttp(action, f, caller);
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(status);
    const after = await state(f);
    if (status >= 400) {
      expect(body.error.code).toBe(ERROR_CODE[status]);
      expect(after).toEqual(before);
      if (caller === "run token" && status === 403) expect(body.error.message).toBe("A run token only creates, updates and reads the runs of its own project.");
      if (caller === "read-only PAT" && memberMay) expect(body.error.message).toBe("This access token is read-only.");
      if (caller === "projects PAT" && memberMay) expect(body.error.message).toBe("This access token does not cover runs.");
      if (caller === "stranger" || caller === "anonymous") expect(body.error.message).toBe("No organization by that name.");
      return;
    }
    expectChange(action, before, after);
  });

  it.each(cases)("service: $action as $caller → $status", async ({ action, caller, status }) => {
    const f = await fixture();
    const before = await state(f);
    expect(await viaService(action, f, caller)).toBe(status);
    const after = await state(f);
    if (status >= 400) expect(after).toEqual(before);
    else expectChange(action, before, after);
  });
});

describe("runs: permissions the matrix cannot show", () => {
  it("a run token works on its own project only, and stops working when revoked or when its creator loses write", async () => {
    const f = await runsFixture();
    const db = await getDb();
    const { projects, projectGrants } = await import("@/db/schema");
    const [other] = await db.insert(projects).values({ orgId: f.org.id, name: "Other", slug: "other", visibility: "internal" }).returning();
    const token = await runTokenFor(f.people.writer, f.org.slug);
    const otherBase = `/api/v1/orgs/${f.org.slug}/projects/other`;
    // The writer can read "other"? No: they are an outsider with a grant on vision only.
    expect((await api("GET", `${otherBase}/runs`, { bearer: token })).status).toBe(404);
    expect((await api("GET", `/api/v1/orgs/${f.org.slug}`, { bearer: token })).status).toBe(403);
    expect((await api("GET", "/api/v1/me", { bearer: token })).status).toBe(401);
    expect((await api("GET", `${f.base}`, { bearer: token })).status).toBe(403);
    expect((await api("POST", `${f.base}/runs`, { bearer: token, body: { runs: [{}] } })).status).toBe(201);
    // The creator's grant goes down to read: the token can no longer write, and reads nothing either.
    await db.update(projectGrants).set({ role: "read" }).where(and(eq(projectGrants.projectId, f.project.id), eq(projectGrants.userId, f.people.writer.id)));
    expect((await api("POST", `${f.base}/runs`, { bearer: token, body: { runs: [{}] } })).status).toBe(404);
    await db.update(projectGrants).set({ role: "write" }).where(and(eq(projectGrants.projectId, f.project.id), eq(projectGrants.userId, f.people.writer.id)));
    const listed = await bodyOf(await api("GET", `${f.base}/run-tokens`, { as: f.people.member }));
    expect(listed.items).toEqual([expect.objectContaining({ name: "ci", createdBy: "Wes Writer" })]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await api("DELETE", `${f.base}/run-tokens`, { as: f.people.viewer, body: { id: listed.items[0].id } })).status).toBe(403);
    expect((await api("DELETE", `${f.base}/run-tokens`, { as: f.people.member, body: { id: listed.items[0].id } })).status).toBe(204);
    const revoked = await api("GET", `${f.base}/runs`, { bearer: token });
    expect(revoked.status).toBe(401);
    expect((await bodyOf(revoked)).error.message).toBe("The run token is invalid or was revoked.");
    expect(other.id).toBeDefined();
  });

  it("an archived project is read-only: writes are refused with 409, reads still work", async () => {
    const f = await runsFixture();
    await createRuns(await f.actor(f.people.member), "vision", { runs: [{ name: "a" }] });
    expect((await api("POST", `/api/v1/orgs/${f.org.slug}/projects/vision/archive`, { as: f.people.owner })).status).toBe(200);
    const token = await patFor(f.people.member);
    for (const [method, path, body] of [
      ["POST", "/runs", { runs: [{}] }],
      ["PATCH", "/runs/1", { status: "running" }],
      ["POST", "/runs/1/artifacts", { artifacts: [artifact("a", 1)] }],
      ["POST", "/runs/1/stop", {}],
      ["POST", "/runs/1/tags", { add: ["x"] }],
      ["DELETE", "/runs/1", undefined],
      ["POST", "/run-tokens", { name: "ci" }],
    ] as const) {
      const res = await api(method, `${f.base}${path}`, { bearer: token, body });
      expect(res.status, `${method} ${path}`).toBe(409);
      expect((await bodyOf(res)).error.message).toBe("This project is archived and read-only. Unarchive it first.");
    }
    // A viewer learns they may not write, not that the project is archived.
    expect((await api("POST", `${f.base}/runs`, { as: f.people.viewer, body: { runs: [{}] } })).status).toBe(403);
    expect((await api("GET", `${f.base}/runs/1`, { bearer: token })).status).toBe(200);
  });

  it("bulk actions report per run: a member deletes their own runs and is refused the writer's", async () => {
    const f = await runsFixture();
    await createRuns(await f.actor(f.people.member), "vision", { runs: [{}, {}] });
    await createRuns(await f.actor(f.people.writer), "vision", { runs: [{}] });
    const res = await api("POST", `${f.base}/runs/bulk`, { as: f.people.member, body: { action: "delete", runs: [1, 2, 3, 99] } });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).results).toEqual([
      { id: 1, ok: true },
      { id: 2, ok: true },
      { id: 3, ok: false, error: { code: "forbidden", message: "You do not have permission to do that." } },
      { id: 99, ok: false, error: { code: "not_found", message: "No run 99 in this project." } },
    ]);
    const db = await getDb();
    const rows = await db.select({ number: runs.number, deletedAt: runs.deletedAt }).from(runs).where(eq(runs.projectId, f.project.id)).orderBy(runs.number);
    expect(rows.map((r) => r.deletedAt !== null)).toEqual([true, true, false]);
    const stop = await bodyOf(await api("POST", `${f.base}/runs/bulk`, { as: f.people.writer, body: { action: "stop", runs: [3] } }));
    expect(stop.results).toEqual([{ id: 3, ok: true }]);
  });
});
