/**
 * Project actions over HTTP as a literal table: caller × org visibility × project visibility ×
 * action (read, admin = edit, grant, delete, plus create), with the database checked after every
 * call. Grants: the outsider holds a direct write grant on every project; "admin on project" is an
 * org admin with a direct grant (who may delete), "admin" an org admin without one.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, projectGrants, projects } from "@/db/schema";
import { removeMember } from "@/lib/members/service";
import { deleteTeam } from "@/lib/teams/service";
import { setCollaborator, setTeamGrant } from "@/lib/projects/grants";
import { updateProject } from "@/lib/projects/service";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { ERROR_CODE, orgFixture, statusesByCaller } from "../../support/matrix";
import { addMember, orgActorOf, quickPerson } from "../../support/people";

useFreshDatabase();

type Caller = "owner" | "admin on project" | "admin" | "member" | "viewer" | "outsider" | "stranger" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin on project", "admin", "member", "viewer", "outsider", "stranger", "anonymous"];
type Action = "read" | "edit" | "grant" | "delete" | "create";

async function fixture(orgVisibility: "private" | "public", visibility: "private" | "internal" | "public") {
  const f = await orgFixture(orgVisibility);
  const adminOnProject = await quickPerson({ name: "Ada Admin" });
  const stranger = await quickPerson({ name: "Sam Stranger" });
  const grantee = await quickPerson({ name: "Gus Grantee" });
  await addMember(f.org.id, adminOnProject.id, "admin");
  await addMember(f.org.id, grantee.id, "member");
  const db = await getDb();
  const [project] = await db.insert(projects).values({ orgId: f.org.id, name: "Vision", slug: "vision", visibility }).returning();
  await db.insert(projectGrants).values([
    { projectId: project.id, userId: f.people.outsider.id, role: "write" },
    { projectId: project.id, userId: adminOnProject.id, role: "read" },
  ]);
  const who = { ...f.people, "admin on project": adminOnProject, stranger };
  return { ...f, project, grantee, as: (c: Caller) => (c === "anonymous" ? null : who[c]) };
}

async function projectState(orgId: string) {
  const db = await getDb();
  const rows = await db.select({ id: projects.id, slug: projects.slug, name: projects.name }).from(projects).where(eq(projects.orgId, orgId)).orderBy(projects.slug);
  const grants = await db.select({ userId: projectGrants.userId, role: projectGrants.role }).from(projectGrants).innerJoin(projects, eq(projects.id, projectGrants.projectId)).where(eq(projects.orgId, orgId)).orderBy(projectGrants.userId);
  return { rows, grants };
}

// action  org        project     owner admin-on-project admin member viewer outsider stranger anonymous
const MATRIX: [Action, "private" | "public", "private" | "internal" | "public", string][] = [
  ["read",   "private", "private",  "200   200              200   404    404    200      404      404"],
  ["read",   "private", "internal", "200   200              200   200    200    200      404      404"],
  ["read",   "private", "public",   "200   200              200   200    200    200      404      404"],
  ["read",   "public",  "private",  "200   200              200   404    404    200      404      401"],
  ["read",   "public",  "internal", "200   200              200   200    200    200      404      401"],
  ["read",   "public",  "public",   "200   200              200   200    200    200      200      200"],
  ["edit",   "private", "private",  "200   200              200   404    404    403      404      404"],
  ["edit",   "private", "internal", "200   200              200   403    403    403      404      404"],
  ["edit",   "public",  "public",   "200   200              200   403    403    403      403      401"],
  ["grant",  "private", "private",  "200   200              200   404    404    403      404      404"],
  ["grant",  "private", "internal", "200   200              200   403    403    403      404      404"],
  ["grant",  "public",  "public",   "200   200              200   403    403    403      403      401"],
  ["delete", "private", "private",  "204   204              403   404    404    404      404      404"],
  ["delete", "private", "internal", "204   204              403   403    403    404      404      404"],
  ["delete", "public",  "public",   "204   204              403   403    403    403      403      401"],
  ["create", "private", "internal", "201   201              201   403    403    404      404      404"],
  ["create", "public",  "internal", "201   201              201   403    403    403      403      401"],
];
const cases = MATRIX.flatMap(([action, org, visibility, statuses]) => statusesByCaller(statuses, CALLERS).map((c) => ({ action, org, visibility, ...c })));

function call(action: Action, f: Awaited<ReturnType<typeof fixture>>, caller: Caller) {
  const base = `/api/v1/orgs/${f.org.slug}/projects`;
  const as = f.as(caller);
  switch (action) {
    case "read": return api("GET", `${base}/vision`, { as });
    case "edit": return api("PATCH", `${base}/vision`, { as, body: { name: "Vision 2" } });
    case "grant": return api("PUT", `${base}/vision/collaborators/${f.grantee.id}`, { as, body: { role: "read" } });
    case "delete": return api("DELETE", `${base}/vision`, { as, body: { confirm: "vision" } });
    case "create": return api("POST", `${base}`, { as, body: { name: "Audio", slug: "audio" } });
  }
}

describe("projects: the action matrix over HTTP", () => {
  it("has a status for every row × caller", () => {
    expect(cases).toHaveLength(MATRIX.length * CALLERS.length);
  });

  it.each(cases)("$action on a $visibility project of a $org org as $caller → $status", async ({ action, org, visibility, caller, status }) => {
    const f = await fixture(org, visibility);
    const before = await projectState(f.org.id);
    const res = await call(action, f, caller);
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(status);
    const after = await projectState(f.org.id);
    if (status >= 400) {
      expect(body.error.code).toBe(ERROR_CODE[status]);
      expect(after).toEqual(before);
      if (status === 404 && org === "private" && !["owner", "admin", "admin on project", "member", "viewer", "outsider"].includes(caller)) {
        expect(body.error.message).toBe("No organization by that name.");
      }
      return;
    }
    if (action === "read") expect(after).toEqual(before);
    if (action === "edit") expect(after.rows[0].name).toBe("Vision 2");
    if (action === "grant") expect(after.grants).toContainEqual({ userId: f.grantee.id, role: "read" });
    if (action === "delete") expect(after.rows).toEqual([]);
    if (action === "create") expect(after.rows.map((r) => r.slug)).toEqual(["audio", "vision"]);
  });
});

describe("projects: rules the matrix cannot show", () => {
  it("grants at most the granter's own role, and says when a direct grant cannot lower inherited access", async () => {
    const f = await fixture("private", "internal");
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision`;
    // The outsider holds write: not admin, so they may not grant at all.
    expect((await api("PUT", `${base}/collaborators/${f.grantee.id}`, { as: f.as("outsider"), body: { role: "read" } })).status).toBe(403);
    const res = await api("PUT", `${base}/collaborators/${f.people.member.id}`, { as: f.as("owner"), body: { role: "read" } });
    const body = await bodyOf(res);
    expect(res.status).toBe(200);
    expect(body.access.role).toBe("write");
    expect(body.note).toMatch(/stays Write/);
  });

  it("refuses edits of an archived project until it is unarchived, and keeps its grants", async () => {
    const f = await fixture("private", "internal");
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision`;
    expect((await api("POST", `${base}/archive`, { as: f.as("owner") })).status).toBe(200);
    expect((await api("POST", `${base}/archive`, { as: f.as("member") })).status).toBe(403);
    expect((await api("PATCH", `${base}`, { as: f.as("owner"), body: { name: "x" } })).status).toBe(409);
    const listed = await bodyOf(await api("GET", `/api/v1/orgs/${f.org.slug}/projects?archived=true`, { as: f.as("member") }));
    expect(listed.items.map((p: { slug: string }) => p.slug)).toEqual(["vision"]);
    expect((await api("POST", `${base}/unarchive`, { as: f.as("owner") })).status).toBe(200);
    expect((await api("PATCH", `${base}`, { as: f.as("owner"), body: { name: "x" } })).status).toBe(200);
    expect((await projectState(f.org.id)).grants).toHaveLength(2);
  });

  it("asks for the slug to delete, and answers bad input with 400 and the field, writing nothing", async () => {
    const f = await fixture("private", "internal");
    const base = `/api/v1/orgs/${f.org.slug}/projects`;
    const before = await projectState(f.org.id);
    const wrong = await api("DELETE", `${base}/vision`, { as: f.as("owner"), body: { confirm: "VISIONS" } });
    expect(wrong.status).toBe(400);
    expect((await bodyOf(wrong)).error.fields.confirm).toMatch(/Type vision/);
    for (const [body, field] of [
      [{ name: "", slug: "ok" }, "name"],
      [{ name: "Ok", slug: "settings" }, "slug"],
      [{ name: "Ok", slug: "ok", visibility: "secret" }, "visibility"],
      [{ name: "Ok", slug: "ok", tags: ["<b>x</b>"] }, "tags.0"],
      [{ name: "Ok", slug: "ok", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
    ] as const) {
      const res = await api("POST", base, { as: f.as("owner"), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await bodyOf(res)).error.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await api("POST", base, { as: f.as("owner"), body: { name: "Dup", slug: "VISION" } })).status).toBe(409);
    expect((await api("GET", `${base}?limit=1000`, { as: f.as("owner") })).status).toBe(400);
    expect((await api("GET", `${base}?cursor=x`, { as: f.as("stranger") })).status).toBe(404);
    expect(await projectState(f.org.id)).toEqual(before);
  });

  it("creates with the organization's default visibility", async () => {
    const f = await fixture("private", "internal");
    await api("PATCH", `/api/v1/orgs/${f.org.slug}`, { as: f.as("owner"), body: { defaultProjectVisibility: "private" } });
    const res = await api("POST", `/api/v1/orgs/${f.org.slug}/projects`, { as: f.as("admin"), body: { name: "Quiet", slug: "quiet" } });
    expect((await bodyOf(res)).visibility).toBe("private");
  });

  it("explains access: every person, every source, filterable, one person, and CSV", async () => {
    const f = await fixture("private", "private");
    const owner = await orgActorOf(f.people.owner, f.org.slug);
    const db = await getDb();
    const { createTeam, updateTeam } = await import("@/lib/teams/service");
    const { setTeamMember } = await import("@/lib/teams/members");
    await createTeam(owner, { name: "Parent", slug: "parent" });
    await createTeam(owner, { name: "Child", slug: "child", parent: "parent" });
    await setTeamMember(owner, "child", f.people.member.id, { role: "member" });
    await setTeamGrant(owner, "vision", "parent", { role: "write" });
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision/access`;
    const page = await bodyOf(await api("GET", base, { as: f.as("owner") }));
    const byName = Object.fromEntries(page.items.map((e: { user: { name: string } }) => [e.user.name, e]));
    expect(byName["Mia Member"].role).toBe("write");
    expect(byName["Mia Member"].winner).toMatchObject({ via: "team", team: { slug: "parent" }, path: ["Parent", "Child"] });
    expect(byName["Otto Outsider"].sources).toEqual([{ via: "direct", role: "write" }]);
    expect(byName["Vic Viewer"]).toBeUndefined();
    const teamOnly = await bodyOf(await api("GET", `${base}?source=team`, { as: f.as("owner") }));
    expect(teamOnly.items.every((e: { sources: { via: string }[] }) => e.sources.some((s) => s.via === "team"))).toBe(true);
    const one = await bodyOf(await api("GET", `${base}/${f.people.viewer.id}`, { as: f.as("admin") }));
    expect(one).toMatchObject({ role: null, sources: [] });
    const csv = await api("GET", `${base}?format=csv`, { as: f.as("owner") });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/Mia Member,.*,Member,Write,Write through team Parent > Child/);
    expect((await api("GET", base, { as: f.as("member") })).status).toBe(403);
    expect((await api("GET", base, { as: f.as("viewer") })).status).toBe(404);
    await updateTeam(owner, "child", { parent: null });
    const after = await bodyOf(await api("GET", `${base}/${f.people.member.id}`, { as: f.as("owner") }));
    expect(after.role).toBeNull();
    expect(await db.$count(auditEvents, eq(auditEvents.orgId, f.org.id))).toBeGreaterThan(3);
  });

  it("shows a public org's profile to anyone and a private org's to members only", async () => {
    const pub = await fixture("public", "public");
    const res = await api("GET", `/api/v1/orgs/${pub.org.slug}/profile`);
    expect((await bodyOf(res)).projects.map((p: { slug: string }) => p.slug)).toEqual(["vision"]);
    const priv = await fixture("private", "public");
    expect((await api("GET", `/api/v1/orgs/${priv.org.slug}/profile`)).status).toBe(404);
    expect((await api("GET", `/api/v1/orgs/${priv.org.slug}/profile`, { as: priv.as("stranger") })).status).toBe(404);
    expect((await bodyOf(await api("GET", `/api/v1/orgs/${priv.org.slug}/profile`, { as: priv.as("member") }))).projects).toEqual([]);
    // Making the org private takes effect on the next request.
    await api("PATCH", `/api/v1/orgs/${pub.org.slug}`, { as: pub.as("owner"), body: { visibility: "private" } });
    expect((await api("GET", `/api/v1/orgs/${pub.org.slug}/projects/vision`)).status).toBe(404);
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);
describe.skipIf(!onPostgres)("projects: races on PostgreSQL", () => {
  it("grant vs removal from the org: never a grant left to someone removed", async () => {
    for (let i = 0; i < 5; i++) {
      const f = await fixture("private", "private");
      const owner = await orgActorOf(f.people.owner, f.org.slug);
      await Promise.allSettled([setCollaborator(owner, "vision", f.grantee.id, { role: "read" }), removeMember(owner, f.grantee.id)]);
      const db = await getDb();
      expect(await db.$count(projectGrants, eq(projectGrants.userId, f.grantee.id))).toBe(0);
    }
  });

  it("team deletion vs grant to the team: never a grant to a deleted team", async () => {
    for (let i = 0; i < 5; i++) {
      const f = await fixture("private", "private");
      const owner = await orgActorOf(f.people.owner, f.org.slug);
      const { createTeam } = await import("@/lib/teams/service");
      const team = await createTeam(owner, { name: "Doomed", slug: "doomed" });
      await Promise.allSettled([setTeamGrant(owner, "vision", "doomed", { role: "read" }), deleteTeam(owner, "doomed")]);
      const db = await getDb();
      expect(await db.$count(projectGrants, eq(projectGrants.teamId, team.id))).toBe(0);
    }
  });

  it("concurrent visibility changes: the audit trail chains, the last write is what is stored", async () => {
    const f = await fixture("private", "internal");
    const owner = await orgActorOf(f.people.owner, f.org.slug);
    const wanted = ["private", "public", "internal", "private", "public"] as const;
    await Promise.all(wanted.map((visibility) => updateProject(owner, "vision", { visibility })));
    const db = await getDb();
    const events = await db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "project.updated"), eq(auditEvents.targetId, f.project.id)))
      .orderBy(auditEvents.id);
    // Each change saw the one before it: no lost update, no stale "before".
    let current: unknown = "internal";
    for (const e of events) {
      expect((e.before as { visibility: string }).visibility).toBe(current);
      current = (e.after as { visibility: string }).visibility;
    }
    const [row] = await db.select({ visibility: projects.visibility }).from(projects).where(eq(projects.id, f.project.id));
    expect(row.visibility).toBe(current);
  });
});

describe("OpenAPI: teams and projects", () => {
  it("describes every team and project route, and every operation has a unique operationId", async () => {
    const doc = await bodyOf(await api("GET", "/api/v1/openapi.json"));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/orgs/{slug}/teams",
        "/orgs/{slug}/teams/{team}",
        "/orgs/{slug}/teams/{team}/members/{userId}",
        "/orgs/{slug}/projects",
        "/orgs/{slug}/projects/{project}",
        "/orgs/{slug}/projects/{project}/access/{userId}",
        "/orgs/{slug}/projects/{project}/collaborators/{userId}",
        "/orgs/{slug}/projects/{project}/teams/{team}",
      ]),
    );
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === "parameters") continue;
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(op.operationId!);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const r of refs) expect(doc.components.schemas[r.slice(22, -1)], r).toBeDefined();
    // Permission words come from the rule's own description.
    expect(doc.paths["/orgs/{slug}/teams/{team}"].delete.summary).toContain("admins: only teams they are on");
  });
});
