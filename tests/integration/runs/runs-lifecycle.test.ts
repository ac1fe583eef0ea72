/**
 * A run's life through the API as a client and a team use it: a run token creates runs in a batch,
 * sets status, records outputs and artifacts; a member stops, tags, archives, deletes and restores;
 * an admin purges and promotes. The status history, lineage both ways and the storage ledger are
 * checked at each step.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { eq } from "drizzle-orm";
import { auditEvents, projects } from "@/db/schema";
import { ORG_AUDIT_ACTIONS } from "@/lib/audit/actions";
import { createModel } from "@/lib/registry/service";
import { createRuns } from "@/lib/runs/service";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { seedComponent } from "../../support/hub";
import { artifact, ledgerAndRows, runsFixture, runTokenFor } from "../../support/runs";

useFreshDatabase();

describe("runs: a client and a team", () => {
  it("creates in a batch, moves through statuses, records outputs and artifacts, and shows it all on the run", async () => {
    const f = await runsFixture();
    const token = await runTokenFor(f.people.member, f.org.slug);
    const created = await api("POST", `${f.base}/runs`, {
      bearer: token,
      body: { runs: [{ name: "prep", kind: "job", tags: ["Data"] }, { name: "train", inputs: { lr: 0.01 }, status: "queued" }] },
    });
    const batch = await bodyOf(created);
    expect(created.status, JSON.stringify(batch)).toBe(201);
    expect(batch.runs.map((r: { number: number; status: string; tags: string[] }) => [r.number, r.status, r.tags])).toEqual([
      [1, "created", ["data"]],
      [2, "queued", []],
    ]);
    expect(batch.runs[0]).toMatchObject({ creator: { id: f.people.member.id }, viaToken: "ci" });
    const [prep, train] = batch.runs;

    // Lineage: train used prep's outputs.
    expect((await api("PATCH", `${f.base}/runs/2`, { bearer: token, body: { upstream: [prep.id] } })).status).toBe(200);
    const cycle = await api("PATCH", `${f.base}/runs/1`, { bearer: token, body: { upstream: [train.id] } });
    expect(cycle.status).toBe(400);
    expect((await bodyOf(cycle)).error.fields.upstream).toMatch(/cycle/);

    expect((await api("PATCH", `${f.base}/runs/2`, { bearer: token, body: { status: "running" } })).status).toBe(200);
    const bad = await api("PATCH", `${f.base}/runs/2`, { bearer: token, body: { status: "queued" } });
    expect(bad.status).toBe(409);
    expect((await bodyOf(bad)).error.message).toBe("Run #2 is running: it can go to succeeded, failed, stopping, stopped, lost, not queued.");
    expect((await api("PATCH", `${f.base}/runs/2`, { bearer: token, body: { outputs: { metric: 0.9, loss: 0.2 } } })).status).toBe(200);
    expect((await api("PATCH", `${f.base}/runs/2`, { bearer: token, body: { outputs: { loss: null, auc: 0.8 } } })).status).toBe(200);
    const added = await api("POST", `${f.base}/runs/2/artifacts`, { bearer: token, body: { artifacts: [artifact("model.pkl", 1000), artifact("data.csv", 500, "input")] } });
    expect(added.status).toBe(201);
    expect(await bodyOf(added)).toMatchObject({ added: 2, skipped: 0, bytes: 1500 });
    // The same again is skipped; the same path with other bytes is refused.
    expect(await bodyOf(await api("POST", `${f.base}/runs/2/artifacts`, { bearer: token, body: { artifacts: [artifact("model.pkl", 1000)] } }))).toMatchObject({ added: 0, skipped: 1 });
    expect((await api("POST", `${f.base}/runs/2/artifacts`, { bearer: token, body: { artifacts: [artifact("model.pkl", 1001)] } })).status).toBe(409);

    const detail = await bodyOf(await api("GET", `${f.base}/runs/2`, { as: f.people.viewer }));
    expect(detail).toMatchObject({ number: 2, status: "running", inputs: { lr: 0.01 }, outputs: { metric: 0.9, auc: 0.8 }, bytes: 1500, artifactCount: 2 });
    expect(detail.outputs.loss).toBeUndefined();
    expect(detail.startedAt).not.toBeNull();
    expect(detail.upstream).toEqual([expect.objectContaining({ id: prep.id, number: 1 })]);
    expect(detail.conditions.map((c: { from: string | null; to: string }) => [c.from, c.to])).toEqual([
      [null, "queued"],
      ["queued", "running"],
    ]);
    expect(detail.can).toMatchObject({ update: false, stop: false, purge: false });
    const upstreamView = await bodyOf(await api("GET", `${f.base}/runs/1`, { as: f.people.member }));
    expect(upstreamView.downstream).toEqual([expect.objectContaining({ id: train.id, number: 2 })]);

    // A member asks it to stop; the client acknowledges.
    expect(await bodyOf(await api("POST", `${f.base}/runs/2/stop`, { as: f.people.member, body: { reason: "wrong data" } }))).toMatchObject({ status: "stopping" });
    expect((await api("POST", `${f.base}/runs/2/stop`, { bearer: token })).status).toBe(403);
    expect(await bodyOf(await api("PATCH", `${f.base}/runs/2`, { bearer: token, body: { status: "stopped" } }))).toMatchObject({ status: "stopped" });
    expect((await api("POST", `${f.base}/runs/2/stop`, { as: f.people.member })).status).toBe(409);

    expect(await ledgerAndRows(f.org.id)).toMatchObject({ ledger: { live: 1500, deleted: 0 }, rows: { live: 1500, deleted: 0 } });

    // Tag, archive, delete, restore, delete again, purge.
    expect(await bodyOf(await api("POST", `${f.base}/runs/2/tags`, { as: f.people.member, body: { add: ["best", "v1"], remove: ["nope"] } }))).toMatchObject({ tags: ["best", "v1"] });
    expect((await api("POST", `${f.base}/runs/2/archive`, { as: f.people.member })).status).toBe(200);
    const listed = await bodyOf(await api("GET", `${f.base}/runs`, { as: f.people.viewer }));
    expect(listed.items.map((r: { number: number }) => r.number)).toEqual([1]);
    expect((await bodyOf(await api("GET", `${f.base}/runs?archived=true`, { as: f.people.viewer }))).items.map((r: { number: number }) => r.number)).toEqual([2]);
    expect((await api("POST", `${f.base}/runs/2/unarchive`, { as: f.people.member })).status).toBe(200);
    expect((await api("DELETE", `${f.base}/runs/2`, { as: f.people.member })).status).toBe(200);
    expect(await ledgerAndRows(f.org.id)).toMatchObject({ ledger: { live: 0, deleted: 1500 }, rows: { live: 0, deleted: 1500 } });
    expect((await bodyOf(await api("GET", `${f.base}/runs?deleted=true`, { as: f.people.member }))).items.map((r: { number: number }) => r.number)).toEqual([2]);
    expect((await api("POST", `${f.base}/runs/2/restore`, { as: f.people.member })).status).toBe(200);
    expect(await ledgerAndRows(f.org.id)).toMatchObject({ ledger: { live: 1500, deleted: 0 } });

    // Promote before purging: the version keeps its snapshot after the run is gone.
    await createModel(await f.actor(f.people.owner), { name: "vision-model" });
    const promoted = await api("POST", `${f.base}/runs/2/promote`, { as: f.people.admin, body: { model: "vision-model" } });
    const version = await bodyOf(promoted);
    expect(promoted.status, JSON.stringify(version)).toBe(201);
    expect(version).toMatchObject({ model: "vision-model", version: { number: 1, inputs: { lr: 0.01 }, artifacts: [{ path: "model.pkl", size: 1000 }], source: { runNumber: 2, projectSlug: "vision" } } });
    expect((await bodyOf(await api("GET", `${f.base}/runs/2`, { as: f.people.member }))).promotions).toEqual([expect.objectContaining({ model: "vision-model", version: 1 })]);

    expect((await api("DELETE", `${f.base}/runs/2`, { as: f.people.member })).status).toBe(200);
    expect((await api("POST", `${f.base}/runs/2/purge`, { as: f.people.member })).status).toBe(403);
    expect((await api("POST", `${f.base}/runs/2/purge`, { as: f.people.admin })).status).toBe(204);
    expect((await api("GET", `${f.base}/runs/2`, { as: f.people.admin })).status).toBe(404);
    const after = await ledgerAndRows(f.org.id);
    expect(after).toMatchObject({ ledger: { live: 1000, deleted: 0 }, rows: { live: 1000, deleted: 0 } });
    const model = await bodyOf(await api("GET", `/api/v1/orgs/${f.org.slug}/models/vision-model`, { as: f.people.viewer }));
    expect(model.versions[0].source).toMatchObject({ runNumber: 2, runExists: false });

    // Every change left its audit event, named for people to read.
    const db = await getDb();
    const events = await db.select({ action: auditEvents.action, label: auditEvents.targetLabel, actor: auditEvents.actorName }).from(auditEvents).where(eq(auditEvents.orgId, f.org.id)).orderBy(auditEvents.id);
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(["run_token.created", "run.created", "run.updated", "run.artifacts_added", "run.stop_requested", "run.tagged", "run.archived", "run.unarchived", "run.deleted", "run.restored", "registry.model.created", "registry.version.promoted", "run.purged"]),
    );
    expect(events.find((e) => e.action === "run.created")).toEqual({ action: "run.created", label: "vision #1–#2", actor: "Mia Member (run token ci)" });
    for (const e of events) expect(ORG_AUDIT_ACTIONS[e.action]?.name, e.action).toBeDefined();
  });
});

describe("runs: the hub's reverse index", () => {
  it("lists the runs that ran each component version, in projects the caller may read", async () => {
    const f = await runsFixture();
    await seedComponent(f.people.owner, f.org.slug);
    const versions = await bodyOf(await api("GET", `/api/v1/orgs/${f.org.slug}/components/train/versions`, { as: f.people.member }));
    const v1 = versions.items.find((v: { number: number }) => v.number === 1).digest;
    const db = await getDb();
    await db.insert(projects).values({ orgId: f.org.id, name: "Secret", slug: "secret", visibility: "private" });
    const owner = await f.actor(f.people.owner);
    await createRuns(owner, "vision", { runs: [{ name: "uses v1", componentDigest: v1 }, { name: "no component" }, { name: "uses v1 too", componentDigest: v1 }] });
    await createRuns(owner, "secret", { runs: [{ name: "secret v1", componentDigest: v1 }] });
    const base = `/api/v1/orgs/${f.org.slug}/components/train/versions`;
    const seen = await bodyOf(await api("GET", `${base}/1/runs`, { as: f.people.member }));
    expect(seen).toMatchObject({ version: 1, digest: v1, nextCursor: null });
    expect(seen.items.map((r: { name: string; project: { slug: string } }) => [r.name, r.project.slug])).toEqual([
      ["uses v1 too", "vision"],
      ["uses v1", "vision"],
    ]);
    const all = await bodyOf(await api("GET", `${base}/${v1}/runs?limit=1`, { as: f.people.owner }));
    expect(all.items).toHaveLength(1);
    const rest = await bodyOf(await api("GET", `${base}/1/runs?limit=5&cursor=${all.nextCursor}`, { as: f.people.owner }));
    expect([...all.items, ...rest.items].map((r: { name: string }) => r.name).sort()).toEqual(["secret v1", "uses v1", "uses v1 too"]);
    expect((await bodyOf(await api("GET", `${base}/2/runs`, { as: f.people.owner }))).items).toEqual([]);
    expect((await api("GET", `${base}/1/runs`, { as: f.people.stranger })).status).toBe(404);
  });
});

describe("runs: OpenAPI", () => {
  it("describes every runs route with a unique operationId", async () => {
    const doc = await bodyOf(await api("GET", "/api/v1/openapi.json"));
    const runsPaths = Object.keys(doc.paths).filter((p) => p.includes("/runs") || p.includes("run-tokens") || p.includes("storage"));
    expect(runsPaths).toEqual(
      expect.arrayContaining([
        "/orgs/{slug}/projects/{project}/runs",
        "/orgs/{slug}/projects/{project}/runs/bulk",
        "/orgs/{slug}/projects/{project}/runs/{run}",
        "/orgs/{slug}/projects/{project}/runs/{run}/artifacts",
        "/orgs/{slug}/projects/{project}/runs/{run}/stop",
        "/orgs/{slug}/projects/{project}/runs/{run}/tags",
        "/orgs/{slug}/projects/{project}/runs/{run}/archive",
        "/orgs/{slug}/projects/{project}/runs/{run}/unarchive",
        "/orgs/{slug}/projects/{project}/runs/{run}/restore",
        "/orgs/{slug}/projects/{project}/runs/{run}/purge",
        "/orgs/{slug}/projects/{project}/runs/{run}/promote",
        "/orgs/{slug}/projects/{project}/run-tokens",
        "/orgs/{slug}/projects/{project}/storage",
        "/orgs/{slug}/storage/breakdown",
        "/orgs/{slug}/components/{name}/versions/{ref}/runs",
      ]),
    );
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => method !== "parameters")
        .map(([, op]) => op.operationId),
    );
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths["/orgs/{slug}/projects/{project}/runs/{run}/purge"].post.summary).toContain("purge deleted runs for good");
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const r of refs) expect(doc.components.schemas[r.slice(22, -1)], r).toBeDefined();
  });
});
