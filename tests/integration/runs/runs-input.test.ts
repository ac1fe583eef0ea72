/**
 * Bad input to the runs API gets a 4xx that names the field, and writes nothing: not a run, not a
 * condition, not an artifact, not a byte of the ledger, not an audit event.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, projects, runArtifacts, runConditions, runLineage, runs } from "@/db/schema";
import { createModel } from "@/lib/registry/service";
import { createRuns } from "@/lib/runs/service";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { artifact, digestOf, ledgerAndRows, runsFixture } from "../../support/runs";

useFreshDatabase();

beforeAll(() => {
  process.env.ATRIUM_STORAGE_TIERS = JSON.stringify([{ id: "tiny", name: "Tiny", limitBytes: 10_000 }]);
});
afterAll(() => {
  delete process.env.ATRIUM_STORAGE_TIERS;
});

async function everything(orgId: string) {
  const db = await getDb();
  const inOrg = eq(runs.orgId, orgId);
  return {
    runs: await db.select().from(runs).where(inOrg).orderBy(runs.number),
    conditions: (await db.select({ id: runConditions.id }).from(runConditions).innerJoin(runs, eq(runs.id, runConditions.runId)).where(inOrg)).length,
    lineage: await db.$count(runLineage, eq(runLineage.orgId, orgId)),
    artifacts: (await db.select({ id: runArtifacts.id }).from(runArtifacts).innerJoin(runs, eq(runs.id, runArtifacts.runId)).where(inOrg)).length,
    audit: await db.$count(auditEvents, eq(auditEvents.orgId, orgId)),
    storage: await ledgerAndRows(orgId),
  };
}

const big = { blob: "x".repeat(64 * 1024) };

describe("runs: bad input writes nothing", () => {
  it("answers each with its status and field", async () => {
    const f = await runsFixture();
    const member = await f.actor(f.people.member);
    const { runs: seeded } = await createRuns(member, "vision", { runs: [{ name: "a", status: "running" }, { name: "b" }] });
    await api("PATCH", `${f.base}/runs/2`, { as: f.people.member, body: { upstream: [seeded[0].id] } });
    await api("POST", `${f.base}/runs/1/artifacts`, { as: f.people.member, body: { artifacts: [artifact("model.pkl", 9000)] } });
    await createModel(await f.actor(f.people.owner), { name: "m" });
    const db = await getDb();
    const [hidden] = await db.insert(projects).values({ orgId: f.org.id, name: "Hidden", slug: "hidden", visibility: "private" }).returning();
    const [hiddenRun] = await db.insert(runs).values({ orgId: f.org.id, projectId: hidden.id, number: 1 }).returning();
    const before = await everything(f.org.id);

    const cases: [string, string, string, unknown, number, string | null][] = [
      // method  path                    what                           body                                                       status field
      ["POST",  "/runs",                 "params over 64 KiB",          { runs: [{ inputs: big }] },                                 400, "runs.0.inputs"],
      ["POST",  "/runs",                 "one bad run of three",        { runs: [{}, { kind: "notebook" }, {}] },                    400, "runs.1.kind"],
      ["POST",  "/runs",                 "no runs",                     { runs: [] },                                                400, "runs"],
      ["POST",  "/runs",                 "1,001 runs",                  { runs: Array.from({ length: 1001 }, () => ({})) },          400, "runs"],
      ["POST",  "/runs",                 "over 5,000 upstream links",   { runs: Array.from({ length: 51 }, () => ({ upstream: Array.from({ length: 100 }, () => randomUUID()) })) }, 400, "runs"],
      ["POST",  "/runs",                 "an unknown field",            { runs: [{ colour: "red" }] },                               400, "runs.0"],
      ["POST",  "/runs",                 "a finished initial status",   { runs: [{ status: "succeeded" }] },                         400, "runs.0.status"],
      ["POST",  "/runs",                 "a malformed component digest", { runs: [{ componentDigest: "md5:abc" }] },                 400, "runs.0.componentDigest"],
      ["POST",  "/runs",                 "an unknown upstream run",     { runs: [{ upstream: ["00000000-0000-4000-8000-000000000000"] }] }, 400, "upstream"],
      ["POST",  "/runs",                 "an upstream run out of sight", { runs: [{ upstream: [hiddenRun.id] }] },                   400, "upstream"],
      ["POST",  "/runs",                 "a tag with markup",           { runs: [{ tags: ["<b>"] }] },                               400, "runs.0.tags.0"],
      ["PATCH", "/runs/1",               "an invalid transition",       { status: "queued" },                                        409, "status"],
      ["PATCH", "/runs/1",               "an unknown status",           { status: "paused" },                                        400, "status"],
      ["PATCH", "/runs/1",               "outputs over 64 KiB",         { outputs: big },                                            400, "outputs"],
      ["PATCH", "/runs/1",               "a lineage cycle",             { upstream: [seeded[1].id] },                                400, "upstream"],
      ["PATCH", "/runs/1",               "itself upstream",             { upstream: [seeded[0].id] },                                400, "upstream"],
      ["PATCH", "/runs/99",              "an unknown run",              { status: "running" },                                       404, null],
      ["PATCH", "/runs/abc",             "a run that is not a number or id", { status: "running" },                                  404, null],
      ["POST",  "/runs/1/artifacts",     "a negative size",             { artifacts: [artifact("a", 1), { ...artifact("b", 1), size: -1 }] }, 400, "artifacts.1.size"],
      ["POST",  "/runs/1/artifacts",     "a malformed digest",          { artifacts: [{ path: "a", size: 1, digest: "sha256:XYZ" }] }, 400, "artifacts.0.digest"],
      ["POST",  "/runs/1/artifacts",     "a fractional size",           { artifacts: [{ path: "a", size: 1.5, digest: digestOf(1) }] }, 400, "artifacts.0.size"],
      ["POST",  "/runs/1/artifacts",     "a path twice",                { artifacts: [artifact("a", 1), artifact("a", 2)] },          400, "artifacts.1.path"],
      ["POST",  "/runs/1/artifacts",     "past the storage tier",       { artifacts: [artifact("ok", 500), artifact("too-much", 600)] }, 409, null],
      ["POST",  "/runs/1/artifacts",     "another file at a recorded path", { artifacts: [artifact("new", 1), artifact("model.pkl", 10)] }, 409, null],
      ["POST",  "/runs/99/artifacts",    "artifacts of an unknown run", { artifacts: [artifact("a", 1)] },                           404, null],
      ["POST",  "/runs/1/tags",          "no tag",                      {},                                                          400, "add"],
      ["POST",  "/runs/1/stop",          "a reason too long",           { reason: "x".repeat(501) },                                 400, "reason"],
      ["POST",  "/runs/1/promote",       "an unknown model",            { model: "nope" },                                           400, "model"],
      ["POST",  "/runs/2/purge",         "purging a run not deleted",   undefined,                                                   409, null],
      ["POST",  "/runs/bulk",            "a bulk tag without a tag",    { action: "tag", runs: [1] },                                400, "tag"],
      ["POST",  "/runs/bulk",            "an unknown bulk action",      { action: "explode", runs: [1] },                            400, "action"],
      ["GET",   "/runs?sort=-metric",    "a metric sort without a metric", undefined,                                                400, "metric"],
      ["GET",   "/runs?metric=a'b&sort=metric", "a metric name with a quote", undefined,                                             400, "metric"],
      ["GET",   "/runs?status=paused",   "an unknown status filter",    undefined,                                                   400, "status.0"],
      ["GET",   "/runs?cursor=bm9wZQ",   "a forged cursor",             undefined,                                                   400, "cursor"],
      ["GET",   "/runs?limit=101",       "a limit past 100",            undefined,                                                   400, "limit"],
      ["POST",  "/run-tokens",           "a token without a name",      { name: " " },                                               400, "name"],
    ];
    for (const [method, path, what, body, status, field] of cases) {
      // Promoting and purging are for owners and admins.
      const as = /promote|purge/.test(path) ? f.people.owner : f.people.member;
      const res = await api(method, `${f.base}${path}`, { as, body });
      const answer = await bodyOf(res);
      expect(res.status, `${what}: ${JSON.stringify(answer)}`).toBe(status);
      if (field) expect(Object.keys(answer.error.fields ?? {}), what).toContain(field);
      expect(JSON.stringify(answer), what).not.toContain("<b>");
    }
    const malformed = await api("POST", `${f.base}/runs`, { as: f.people.member, rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await everything(f.org.id)).toEqual(before);
    const full = await bodyOf(await api("POST", `${f.base}/runs/1/artifacts`, { as: f.people.member, body: { artifacts: [artifact("too-much", 1001)] } }));
    expect(full.error).toMatchObject({ code: "storage_limit", message: expect.stringMatching(/Tiny storage tier is full/) });
    expect((await bodyOf(await api("PATCH", `${f.base}/runs/1`, { as: f.people.member, body: { status: "queued" } }))).error.message).toBe(
      "Run #1 is running: it can go to succeeded, failed, stopping, stopped, lost, not queued.",
    );
  });
});
