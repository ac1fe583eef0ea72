import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { orgStorage, personalAccessTokens, projectGrants, projects, registryModels, registryModelVersions, runArtifacts, runs } from "@/db/schema";
import { hashToken, newToken } from "@/lib/auth/tokens";
import type { ApiArea, OrgVisibility, ProjectVisibility } from "@/lib/authz";
import { createRunToken } from "@/lib/runs/tokens";
import { orgFixture } from "./matrix";
import { orgActorOf, quickPerson, type Person } from "./people";

export const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, "0")}`;
export const artifact = (path: string, size: number, direction: "input" | "output" = "output") => ({ path, size, digest: digestOf(size), direction });

/**
 * An organization with one person per role, and project "vision" with an outsider holding a direct
 * read grant (reader), another a direct write grant (writer), and a signed-in stranger.
 */
export async function runsFixture(options: { orgVisibility?: OrgVisibility; visibility?: ProjectVisibility } = {}) {
  const f = await orgFixture(options.orgVisibility ?? "private");
  const reader = await quickPerson({ name: "Rita Reader" });
  const writer = await quickPerson({ name: "Wes Writer" });
  const stranger = await quickPerson({ name: "Sam Stranger" });
  const db = await getDb();
  const [project] = await db.insert(projects).values({ orgId: f.org.id, name: "Vision", slug: "vision", visibility: options.visibility ?? "internal" }).returning();
  await db.insert(projectGrants).values([
    { projectId: project.id, userId: reader.id, role: "read" },
    { projectId: project.id, userId: writer.id, role: "write" },
  ]);
  const people = { ...f.people, reader, writer, stranger };
  const actor = (p: Person) => orgActorOf(p, f.org.slug);
  return { ...f, project, people, actor, base: `/api/v1/orgs/${f.org.slug}/projects/vision` };
}

/** A personal access token of `person`, written as createAccessToken stores it (no sudo needed in tests). */
export async function patFor(person: Person, options: { readOnly?: boolean; areas?: ApiArea[] } = {}) {
  const token = newToken("atr_");
  const db = await getDb();
  await db.insert(personalAccessTokens).values({ userId: person.id, name: "test", tokenHash: hashToken(token), prefix: token.slice(0, 10), readOnly: options.readOnly ?? false, areas: options.areas ?? null });
  return token;
}

/** A run token of the project, created through the service by `by`. */
export async function runTokenFor(by: Person, orgSlug: string, projectSlug = "vision") {
  return (await createRunToken(await orgActorOf(by, orgSlug), projectSlug, { name: "ci" })).token;
}

/** The organization's storage ledger, and what the stored rows add up to (run artifacts by deleted or not, registry versions). */
export async function ledgerAndRows(orgId: string) {
  const db = await getDb();
  const [ledger] = await db.select({ live: orgStorage.liveBytes, deleted: orgStorage.deletedBytes }).from(orgStorage).where(eq(orgStorage.orgId, orgId));
  const [rows] = await db
    .select({
      live: sql<number>`coalesce(sum(${runArtifacts.size}) filter (where ${runs.deletedAt} is null), 0)`.mapWith(Number),
      deleted: sql<number>`coalesce(sum(${runArtifacts.size}) filter (where ${runs.deletedAt} is not null), 0)`.mapWith(Number),
    })
    .from(runArtifacts)
    .innerJoin(runs, eq(runs.id, runArtifacts.runId))
    .where(eq(runs.orgId, orgId));
  const [registry] = await db
    .select({ bytes: sql<number>`coalesce(sum(${registryModelVersions.bytes}), 0)`.mapWith(Number) })
    .from(registryModelVersions)
    .innerJoin(registryModels, eq(registryModels.id, registryModelVersions.modelId))
    .where(eq(registryModels.orgId, orgId));
  const [perRun] = await db.select({ bytes: sql<number>`coalesce(sum(${runs.bytes}), 0)`.mapWith(Number) }).from(runs).where(eq(runs.orgId, orgId));
  return { ledger: { live: ledger?.live ?? 0, deleted: ledger?.deleted ?? 0 }, rows: { live: rows.live + registry.bytes, deleted: rows.deleted }, runBytes: perRun.bytes, artifactBytes: rows.live + rows.deleted };
}
