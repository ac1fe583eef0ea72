/**
 * Storage usage and tiers: registry versions count their artifact bytes against the organization's
 * tier in their own transaction; past the limit they are refused and nothing is written; two
 * concurrent writes never pass the limit together; owners change the tier.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { orgStorage, registryModelVersions } from "@/db/schema";
import type { OrgRole } from "@/lib/authz";
import { getModel, registerVersion } from "@/lib/registry/service";
import { storageUsage } from "@/lib/storage/service";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { lastAudit } from "../support/invitations";
import { statusesByCaller } from "../support/matrix";
import { seedOrg } from "../support/orgs";
import { orgActorOf, quickPerson, type Person } from "../support/people";
import { DIGEST, seedModel } from "../support/registry";

useFreshDatabase();

// Tiny tiers, so a test can fill one.
const TIERS = [
  { id: "tiny", name: "Tiny", limitBytes: 10_000 },
  { id: "small", name: "Small", limitBytes: 50_000 },
  { id: "unlimited", name: "Unlimited", limitBytes: null },
];
beforeAll(() => {
  process.env.ATRIUM_STORAGE_TIERS = JSON.stringify(TIERS);
});
afterAll(() => {
  delete process.env.ATRIUM_STORAGE_TIERS;
});

type Caller = OrgRole | "outsider" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "outsider", "anonymous"];
let callers: Record<Exclude<Caller, "anonymous">, Person>;
beforeAll(async () => {
  const make = (name: string) => quickPerson({ name });
  callers = { owner: await make("Owner"), admin: await make("Admin"), member: await make("Member"), viewer: await make("Viewer"), outsider: await make("Outsider") };
});
const as = (caller: Caller) => (caller === "anonymous" ? null : callers[caller]);
const freshOrg = () =>
  seedOrg([
    [callers.owner, "owner"],
    [callers.admin, "admin"],
    [callers.member, "member"],
    [callers.viewer, "viewer"],
  ]);
const artifact = (size: number) => ({ path: `m-${size}.bin`, digest: DIGEST, size });

describe("storage permissions over HTTP", () => {
  const MATRIX: [string, string, unknown, string][] = [
    // method  path        body                 owner admin member viewer outsider anonymous
    ["GET",   "/storage", undefined,           "200   200   200    200    404      404"],
    ["PATCH", "/storage", { tier: "small" },   "200   403   403    403    404      404"],
  ];
  const cases = MATRIX.flatMap(([method, path, body, statuses]) => statusesByCaller(statuses, CALLERS).map(({ caller, status }) => ({ method, path, body, caller, status })));
  it.each(cases)("$caller · $method $path → $status", async ({ method, path, body, caller, status }) => {
    const org = await freshOrg();
    const res = await api(method, `/api/v1/orgs/${org.slug}${path}`, { as: as(caller), body });
    expect(res.status).toBe(status);
    const [row] = await (await getDb()).select().from(orgStorage).where(eq(orgStorage.orgId, org.id));
    expect(row?.tier ?? "tiny").toBe(method === "PATCH" && status === 200 ? "small" : "tiny");
  });
});

describe("usage against the tier", () => {
  it("counts a version's artifact bytes, warns owners and admins at 80 %, and refuses what would pass the limit", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const owner = await orgActorOf(callers.owner, org.slug);
    // seedModel stored one 1,024-byte artifact.
    expect((await storageUsage(owner)).liveBytes).toBe(1024);
    await registerVersion(owner, "churn", { artifacts: [artifact(5000), artifact(2000)] });
    const usage = await storageUsage(owner);
    expect(usage).toMatchObject({ liveBytes: 8024, tier: { id: "tiny" }, warning: "Storage is 80 % full." });
    expect((await storageUsage(await orgActorOf(callers.member, org.slug))).warning).toBeNull();

    const res = await api("POST", `/api/v1/orgs/${org.slug}/models/churn/versions`, { as: callers.owner, body: { artifacts: [artifact(1977)] } });
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error).toMatchObject({ code: "storage_limit", message: expect.stringMatching(/Tiny storage tier is full\. Delete and purge artifacts .* or ask an owner to move to a larger tier\./) });
    expect((await getModel(owner, "churn")).versions).toHaveLength(3);
    expect((await storageUsage(owner)).liveBytes).toBe(8024);
    // Exactly up to the limit is fine.
    await registerVersion(owner, "churn", { artifacts: [artifact(1976)] });
    expect((await storageUsage(owner)).warning).toBe("Storage is full: new artifacts are refused until you free space or move to a larger tier.");
  });

  it("gives the bytes back when the model is deleted, and a larger tier admits more", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug);
    const owner = await orgActorOf(callers.owner, org.slug);
    await api("PATCH", `/api/v1/orgs/${org.slug}/storage`, { as: callers.owner, body: { tier: "small" } });
    expect(await lastAudit(org.id)).toMatchObject({ action: "storage.tier_changed", before: { tier: "tiny" }, after: { tier: "small" } });
    await registerVersion(owner, "churn", { artifacts: [artifact(30_000)] });
    expect((await storageUsage(owner)).liveBytes).toBe(31_024);
    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/models/churn`, { as: callers.owner })).status).toBe(204);
    expect((await storageUsage(owner)).liveBytes).toBe(0);
    expect((await api("PATCH", `/api/v1/orgs/${org.slug}/storage`, { as: callers.owner, body: { tier: "huge" } })).status).toBe(400);
  });

  it("never lets two concurrent writes pass the limit together", async () => {
    const org = await freshOrg();
    await seedModel(callers.owner, org.slug, "a");
    await seedModel(callers.admin, org.slug, "b");
    const owner = await orgActorOf(callers.owner, org.slug);
    const admin = await orgActorOf(callers.admin, org.slug);
    // 2,048 used of 10,000: each write fits alone, both together do not.
    const results = await Promise.allSettled([
      registerVersion(owner, "a", { artifacts: [artifact(5000)] }),
      registerVersion(admin, "b", { artifacts: [artifact(5000)] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "storage_limit" } });
    const usage = await storageUsage(owner);
    expect(usage.liveBytes).toBe(7048);
    const [{ total }] = await (await getDb()).select({ total: registryModelVersions.bytes }).from(registryModelVersions).where(eq(registryModelVersions.bytes, 5000));
    expect(total).toBe(5000);
  });
});
