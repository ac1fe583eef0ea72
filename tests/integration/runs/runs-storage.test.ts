/**
 * The storage ledger stays the exact sum of what is stored through every mix of operations (run
 * artifacts live or deleted, registry versions promoted or registered, purges, a deleted project),
 * and on PostgreSQL concurrent writers never pass the tier, never share a run number, never close
 * a lineage cycle between them.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runLineage, runs } from "@/db/schema";
import { deleteProject } from "@/lib/projects/service";
import { createModel, registerVersion } from "@/lib/registry/service";
import { deleteRun, purgeRun, restoreRun } from "@/lib/runs/actions";
import { addArtifacts } from "@/lib/runs/artifacts";
import { promoteRun } from "@/lib/runs/promote";
import { createRuns, updateRun } from "@/lib/runs/service";
import { storageBreakdown } from "@/lib/storage/breakdown";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { artifact, ledgerAndRows, runsFixture } from "../../support/runs";

useFreshDatabase();

beforeAll(() => {
  process.env.ATRIUM_STORAGE_TIERS = JSON.stringify([
    { id: "small", name: "Small", limitBytes: 100_000 },
    { id: "tiny", name: "Tiny", limitBytes: 10_000 },
  ]);
});
afterAll(() => {
  delete process.env.ATRIUM_STORAGE_TIERS;
});

async function expectExact(orgId: string, live: number, deleted: number) {
  const { ledger, rows, runBytes, artifactBytes } = await ledgerAndRows(orgId);
  expect(ledger).toEqual(rows);
  expect(ledger).toEqual({ live, deleted });
  // Each run's own count is the sum of its artifacts too.
  expect(runBytes).toBe(artifactBytes);
}

describe("runs: the storage ledger is exact", () => {
  it("after artifacts, deletes, restores, promotions, purges and a deleted project", async () => {
    const f = await runsFixture();
    const member = await f.actor(f.people.member);
    const owner = await f.actor(f.people.owner);
    await createRuns(member, "vision", { runs: [{}, {}, {}] });
    await addArtifacts(member, "vision", "1", { artifacts: [artifact("a", 1000), artifact("b", 2000, "input")] });
    await addArtifacts(member, "vision", "2", { artifacts: [artifact("c", 3000)] });
    await addArtifacts(member, "vision", "2", { artifacts: [artifact("c", 3000), artifact("d", 4000)] }); // c skipped
    await expectExact(f.org.id, 10_000, 0);
    await deleteRun(member, "vision", 2);
    await deleteRun(member, "vision", 2);
    await expectExact(f.org.id, 3000, 7000);
    await restoreRun(member, "vision", 2);
    await expectExact(f.org.id, 10_000, 0);
    await createModel(owner, { name: "m" });
    await promoteRun(owner, "vision", "1", { model: "m" }); // its output artifact: 1,000
    await registerVersion(owner, "m", { artifacts: [{ path: "weights", digest: artifact("w", 500).digest, size: 500 }] });
    await expectExact(f.org.id, 11_500, 0);
    await deleteRun(member, "vision", 1);
    await purgeRun(owner, "vision", "1");
    await expectExact(f.org.id, 8500, 0);
    await deleteRun(member, "vision", 2);
    const breakdown = await storageBreakdown(member);
    expect(breakdown).toMatchObject({ registryBytes: 1500, purge: { runs: 1, bytes: 7000 }, projects: [{ slug: "vision", liveBytes: 0, deletedBytes: 7000, runs: 2 }], otherProjectsBytes: 0 });
    expect(breakdown.runs).toEqual([expect.objectContaining({ number: 2, bytes: 7000, deleted: true })]);
    expect(await bodyOf(await api("GET", `${f.base}/storage`, { as: f.people.viewer }))).toMatchObject({ liveBytes: 0, deletedBytes: 7000, runs: 2, largestRuns: [{ number: 2 }] });
    await deleteProject(owner, "vision", { confirm: "vision" });
    await expectExact(f.org.id, 1500, 0);
  });

  it("keeps projects out of sight unnamed on the storage page", async () => {
    const f = await runsFixture();
    const db = await getDb();
    const { projects } = await import("@/db/schema");
    await db.insert(projects).values({ orgId: f.org.id, name: "Secret", slug: "secret", visibility: "private" });
    const owner = await f.actor(f.people.owner);
    await createRuns(owner, "secret", { runs: [{ name: "hidden" }] });
    await addArtifacts(owner, "secret", "1", { artifacts: [artifact("s", 700)] });
    const seen = await bodyOf(await api("GET", `/api/v1/orgs/${f.org.slug}/storage/breakdown`, { as: f.people.member }));
    expect(seen).toMatchObject({ projects: [], runs: [], otherProjectsBytes: 700, usage: { liveBytes: 700 } });
    expect(JSON.stringify(seen)).not.toContain("hidden");
    const all = await storageBreakdown(owner);
    expect(all.projects.map((p) => p.slug)).toEqual(["secret"]);
  });

  it("refuses to restore what no longer fits the tier, and nothing moves", async () => {
    const f = await runsFixture();
    const member = await f.actor(f.people.member);
    await createRuns(member, "vision", { runs: [{}, {}] });
    await addArtifacts(member, "vision", "1", { artifacts: [artifact("a", 60_000)] });
    await deleteRun(member, "vision", 1);
    await addArtifacts(member, "vision", "2", { artifacts: [artifact("b", 50_000)] });
    const res = await api("POST", `${f.base}/runs/1/restore`, { as: f.people.member });
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.code).toBe("storage_limit");
    await expectExact(f.org.id, 50_000, 60_000);
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);
describe.skipIf(!onPostgres)("runs: races on PostgreSQL", () => {
  it("two artifact batches crossing the tier at once: one is refused, the ledger never passes the tier", async () => {
    for (let round = 0; round < 5; round++) {
      const f = await runsFixture();
      const member = await f.actor(f.people.member);
      const writer = await f.actor(f.people.writer);
      await createRuns(member, "vision", { runs: [{}, {}] });
      await addArtifacts(member, "vision", "1", { artifacts: [artifact("base", 40_000)] });
      // 40,000 of 100,000 used: each batch fits alone, both together do not.
      const results = await Promise.allSettled([
        addArtifacts(member, "vision", "1", { artifacts: [artifact("x", 20_000), artifact("y", 15_000)] }),
        addArtifacts(writer, "vision", "2", { artifacts: [artifact("z", 35_000)] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "storage_limit" } });
      await expectExact(f.org.id, 75_000, 0);
    }
  });

  it("concurrent batches get distinct, gapless numbers", async () => {
    const f = await runsFixture();
    const member = await f.actor(f.people.member);
    const writer = await f.actor(f.people.writer);
    await Promise.all([
      createRuns(member, "vision", { runs: Array.from({ length: 50 }, () => ({})) }),
      createRuns(writer, "vision", { runs: Array.from({ length: 50 }, () => ({})) }),
      createRuns(member, "vision", { runs: Array.from({ length: 50 }, () => ({})) }),
    ]);
    const db = await getDb();
    const rows = await db.select({ number: runs.number }).from(runs).where(eq(runs.projectId, f.project.id)).orderBy(runs.number);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it("two lineage edges that would close a cycle between them: one wins", async () => {
    for (let round = 0; round < 5; round++) {
      const f = await runsFixture();
      const member = await f.actor(f.people.member);
      const { runs: [a, b] } = await createRuns(member, "vision", { runs: [{}, {}] });
      const results = await Promise.allSettled([updateRun(member, "vision", "1", { upstream: [b.id] }), updateRun(member, "vision", "2", { upstream: [a.id] })]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await (await getDb()).$count(runLineage, eq(runLineage.orgId, f.org.id))).toBe(1);
    }
  });

  it("a run deleted while artifacts arrive: the ledger stays exact", async () => {
    for (let round = 0; round < 5; round++) {
      const f = await runsFixture();
      const member = await f.actor(f.people.member);
      await createRuns(member, "vision", { runs: [{}] });
      await addArtifacts(member, "vision", "1", { artifacts: [artifact("a", 1000)] });
      await Promise.allSettled([addArtifacts(member, "vision", "1", { artifacts: [artifact("b", 2000)] }), deleteRun(member, "vision", 1)]);
      const { ledger, rows, runBytes, artifactBytes } = await ledgerAndRows(f.org.id);
      expect(ledger).toEqual(rows);
      expect(runBytes).toBe(artifactBytes);
    }
  });
});
