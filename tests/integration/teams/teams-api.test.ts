/**
 * Teams over the REST API: the permission matrix through the route handlers, with the database
 * checked after every call, then parents (cycles refused), team roles and bad input.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { teamMembers, teams } from "@/db/schema";
import { removeMember } from "@/lib/members/service";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { ERROR_CODE, orgFixture, statusesByCaller } from "../../support/matrix";
import { addMember, orgActorOf, quickPerson } from "../../support/people";

useFreshDatabase();

type Caller = "owner" | "admin" | "admin on team" | "member" | "maintainer" | "viewer" | "outsider" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "admin on team", "member", "maintainer", "viewer", "outsider", "anonymous"];

/** An org with one team ("core", maintained by "maintainer", with "admin on team" as a member) and a target member. */
async function fixture(visibility: "private" | "public") {
  const f = await orgFixture(visibility);
  const maintainer = await quickPerson({ name: "Maya Maintainer" });
  const adminOnTeam = await quickPerson({ name: "Ada Admin" });
  const target = await quickPerson({ name: "Tara Target" });
  await addMember(f.org.id, maintainer.id, "member");
  await addMember(f.org.id, adminOnTeam.id, "admin");
  await addMember(f.org.id, target.id, "member");
  const db = await getDb();
  const [team] = await db.insert(teams).values({ orgId: f.org.id, name: "Core", slug: "core" }).returning();
  await db.insert(teamMembers).values([
    { teamId: team.id, userId: maintainer.id, role: "maintainer" },
    { teamId: team.id, userId: adminOnTeam.id, role: "member" },
  ]);
  const who = { ...f.people, maintainer, "admin on team": adminOnTeam };
  const as = (c: Caller) => (c === "anonymous" ? null : who[c]);
  return { ...f, team, target, as };
}

async function teamState(orgId: string) {
  const db = await getDb();
  const rows = await db.select({ slug: teams.slug, name: teams.name, parentId: teams.parentId }).from(teams).where(eq(teams.orgId, orgId)).orderBy(teams.slug);
  const members = await db.select({ teamId: teamMembers.teamId, userId: teamMembers.userId, role: teamMembers.role }).from(teamMembers).innerJoin(teams, eq(teams.id, teamMembers.teamId)).where(eq(teams.orgId, orgId)).orderBy(teamMembers.userId);
  return { rows, members };
}

type Route = "GET /teams" | "POST /teams" | "GET /teams/{team}" | "PATCH /teams/{team}" | "DELETE /teams/{team}" | "GET /teams/{team}/members" | "PUT /teams/{team}/members/{id}" | "DELETE /teams/{team}/members/{id}" | "GET /teams/{team}/projects";

// route                               org        owner admin admin-on-team member maintainer viewer outsider anonymous
const MATRIX: [Route, "private" | "public", string][] = [
  ["GET /teams",                        "private", "200   200   200           200    200        200    404      404"],
  ["GET /teams",                        "public",  "200   200   200           200    200        200    403      401"],
  ["POST /teams",                       "private", "201   201   201           403    403        403    404      404"],
  ["POST /teams",                       "public",  "201   201   201           403    403        403    403      401"],
  ["GET /teams/{team}",                 "private", "200   200   200           200    200        200    404      404"],
  ["PATCH /teams/{team}",               "private", "200   200   200           403    200        403    404      404"],
  ["PATCH /teams/{team}",               "public",  "200   200   200           403    200        403    403      401"],
  ["DELETE /teams/{team}",              "private", "204   403   204           403    403        403    404      404"],
  ["GET /teams/{team}/members",         "private", "200   200   200           200    200        200    404      404"],
  ["PUT /teams/{team}/members/{id}",    "private", "200   200   200           403    200        403    404      404"],
  ["DELETE /teams/{team}/members/{id}", "private", "204   204   204           403    204        403    404      404"],
  ["GET /teams/{team}/projects",        "private", "200   200   200           200    200        200    404      404"],
];
const cases = MATRIX.flatMap(([route, visibility, statuses]) => statusesByCaller(statuses, CALLERS).map((c) => ({ route, visibility, ...c })));

async function call(route: Route, f: Awaited<ReturnType<typeof fixture>>, caller: Caller) {
  const base = `/api/v1/orgs/${f.org.slug}/teams`;
  const as = f.as(caller);
  switch (route) {
    case "GET /teams": return api("GET", base, { as });
    case "POST /teams": return api("POST", base, { as, body: { name: "Research", slug: "research", parent: "core" } });
    case "GET /teams/{team}": return api("GET", `${base}/core`, { as });
    case "PATCH /teams/{team}": return api("PATCH", `${base}/core`, { as, body: { name: "Core platform" } });
    case "DELETE /teams/{team}": return api("DELETE", `${base}/core`, { as });
    case "GET /teams/{team}/members": return api("GET", `${base}/core/members`, { as });
    case "PUT /teams/{team}/members/{id}": return api("PUT", `${base}/core/members/${f.target.id}`, { as, body: { role: "member" } });
    case "DELETE /teams/{team}/members/{id}": return api("DELETE", `${base}/core/members/${f.target.id}`, { as });
    case "GET /teams/{team}/projects": return api("GET", `${base}/core/projects`, { as });
  }
}

describe("teams: the permission matrix over HTTP", () => {
  it("has a status for every row × caller", () => {
    expect(cases).toHaveLength(MATRIX.length * CALLERS.length);
  });

  it.each(cases)("$route on a $visibility org as $caller → $status", async ({ route, visibility, caller, status }) => {
    const f = await fixture(visibility);
    if (route === "DELETE /teams/{team}/members/{id}") {
      const db = await getDb();
      await db.insert(teamMembers).values({ teamId: f.team.id, userId: f.target.id });
    }
    const before = await teamState(f.org.id);
    const res = await call(route, f, caller);
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(status);
    const after = await teamState(f.org.id);
    if (status >= 400) {
      expect(body.error.code).toBe(ERROR_CODE[status]);
      // A refusal changes nothing.
      expect(after).toEqual(before);
      // Whoever may not see a private org learns nothing from the message either.
      if (status === 404) expect(body.error.message).toBe("No organization by that name.");
      return;
    }
    if (route === "POST /teams") expect(after.rows.map((r) => r.slug)).toEqual(["core", "research"]);
    if (route === "PATCH /teams/{team}") expect(after.rows[0].name).toBe("Core platform");
    if (route === "DELETE /teams/{team}") expect(after.rows).toEqual([]);
    if (route === "PUT /teams/{team}/members/{id}") expect(after.members.some((m) => m.userId === f.target.id && m.role === "member")).toBe(true);
    if (route === "DELETE /teams/{team}/members/{id}") expect(after.members.some((m) => m.userId === f.target.id)).toBe(false);
    if (route.startsWith("GET")) expect(after).toEqual(before);
  });
});

describe("teams: parents, roles and bad input", () => {
  it("nests teams at any depth and refuses cycles, naming the field", async () => {
    const f = await fixture("private");
    const owner = f.as("owner");
    const base = `/api/v1/orgs/${f.org.slug}/teams`;
    expect((await api("POST", base, { as: owner, body: { name: "B", slug: "bee", parent: "core" } })).status).toBe(201);
    expect((await api("POST", base, { as: owner, body: { name: "C", slug: "cee", parent: "bee" } })).status).toBe(201);
    for (const parent of ["cee", "bee", "core"]) {
      const res = await api("PATCH", `${base}/core`, { as: owner, body: { parent } });
      expect(res.status, parent).toBe(400);
      expect((await bodyOf(res)).error.fields.parent).toMatch(/inside itself/);
    }
    const missing = await api("PATCH", `${base}/core`, { as: owner, body: { parent: "nope" } });
    expect((await bodyOf(missing)).error.fields.parent).toMatch(/No team/);
    // Moving a leaf to the top and back is fine.
    expect((await api("PATCH", `${base}/cee`, { as: owner, body: { parent: null } })).status).toBe(200);
    expect((await api("PATCH", `${base}/core`, { as: owner, body: { parent: "cee" } })).status).toBe(200);
    const detail = await bodyOf(await api("GET", `${base}/cee`, { as: owner }));
    expect(detail.children.map((c: { slug: string }) => c.slug)).toEqual(["core"]);
  });

  it("lets anyone leave a team they are on", async () => {
    const f = await fixture("private");
    const res = await api("DELETE", `/api/v1/orgs/${f.org.slug}/teams/core/members/${f.people.member.id}`, { as: f.as("member") });
    expect(res.status).toBe(404);
    const db = await getDb();
    await db.insert(teamMembers).values({ teamId: f.team.id, userId: f.people.member.id });
    expect((await api("DELETE", `/api/v1/orgs/${f.org.slug}/teams/core/members/${f.people.member.id}`, { as: f.as("member") })).status).toBe(204);
  });

  it("adds only organization members to teams, and removing someone from the org takes them off every team", async () => {
    const f = await fixture("private");
    const base = `/api/v1/orgs/${f.org.slug}/teams/core/members`;
    const stranger = await quickPerson({ name: "Stan Stranger" });
    const res = await api("PUT", `${base}/${stranger.id}`, { as: f.as("owner"), body: { role: "member" } });
    expect(res.status).toBe(404);
    expect((await api("PUT", `${base}/not-a-uuid`, { as: f.as("owner"), body: {} })).status).toBe(404);
    expect((await api("PUT", `${base}/${f.target.id}`, { as: f.as("owner"), body: { role: "superuser" } })).status).toBe(400);
    expect((await api("PUT", `${base}/${f.target.id}`, { as: f.as("owner"), body: { role: "maintainer" } })).status).toBe(200);
    // The new maintainer manages the team at once.
    expect((await api("PATCH", `/api/v1/orgs/${f.org.slug}/teams/core`, { as: f.target, body: { description: "ours" } })).status).toBe(200);
    await removeMember(await orgActorOf(f.people.owner, f.org.slug), f.target.id);
    const db = await getDb();
    expect(await db.$count(teamMembers, and(eq(teamMembers.teamId, f.team.id), eq(teamMembers.userId, f.target.id)))).toBe(0);
  });

  it("answers bad input with 400 and the field, a taken slug with 409, and writes nothing", async () => {
    const f = await fixture("private");
    const base = `/api/v1/orgs/${f.org.slug}/teams`;
    const before = await teamState(f.org.id);
    const bad: [unknown, string][] = [
      [{ name: "", slug: "x-team" }, "name"],
      [{ name: "x".repeat(81), slug: "x-team" }, "name"],
      [{ name: "Ok", slug: "Bad Slug!" }, "slug"],
      [{ name: "Ok", slug: "new" }, "slug"],
      [{ name: "Ok", slug: "<script>" }, "slug"],
      [{ name: "Ok", slug: "ok-team", description: "d".repeat(501) }, "description"],
      [{ name: "Ok", slug: "ok-team", parent: "no-such-team" }, "parent"],
      [{ name: "N\u0000ul", slug: "ok-team" }, "name"],
    ];
    for (const [body, field] of bad) {
      const res = await api("POST", base, { as: f.as("owner"), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await bodyOf(res)).error.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await api("POST", base, { as: f.as("owner"), rawBody: "{name" })).status).toBe(400);
    const taken = await api("POST", base, { as: f.as("owner"), body: { name: "Core again", slug: "CORE" } });
    expect(taken.status).toBe(409);
    expect(await teamState(f.org.id)).toEqual(before);
    // Unicode names are fine; the slug is case-folded.
    const ok = await api("POST", base, { as: f.as("owner"), body: { name: "Équipe 東京 🚀", slug: "Tokyo" } });
    expect(ok.status).toBe(201);
    expect((await bodyOf(ok)).slug).toBe("tokyo");
  });

  it("lists with counts, searches, and pages by keyset", async () => {
    const f = await fixture("private");
    const base = `/api/v1/orgs/${f.org.slug}/teams`;
    for (const slug of ["alpha", "beta", "gamma"]) await api("POST", base, { as: f.as("owner"), body: { name: slug.toUpperCase(), slug } });
    const first = await bodyOf(await api("GET", `${base}?limit=2`, { as: f.as("viewer") }));
    expect(first.items.map((t: { slug: string }) => t.slug)).toEqual(["alpha", "beta"]);
    const second = await bodyOf(await api("GET", `${base}?limit=2&cursor=${first.nextCursor}`, { as: f.as("viewer") }));
    expect(second.items.map((t: { slug: string }) => t.slug)).toEqual(["core", "gamma"]);
    expect(second.items[0].members).toBe(2);
    const found = await bodyOf(await api("GET", `${base}?query=amm`, { as: f.as("viewer") }));
    expect(found.items.map((t: { slug: string }) => t.slug)).toEqual(["gamma"]);
    expect((await api("GET", `${base}?cursor=garbage`, { as: f.as("viewer") })).status).toBe(400);
  });
});
