/**
 * Members over the REST API (list, change role, remove, leave): the permission matrix through the
 * route handlers, with the database state checked after every call, then the rules of DESIGN §3
 * that the matrix cannot show on its own.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { invitations, projectGrants, projects, teamMembers, teams } from "@/db/schema";
import { loadActor } from "@/lib/auth/context";
import type { OrgRole } from "@/lib/authz";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { invitationById, lastAudit, orgState, projectGrantsOf, seedInvitation, teamMembershipsOf } from "../support/invitations";
import { roleIn, seedOrg } from "../support/orgs";
import { addMember, quickPerson, type Person } from "../support/people";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";

useFreshDatabase();

type Caller = OrgRole | "outsider" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "outsider", "anonymous"];

/** Callers hold one role each; targets are other people holding the same roles, so nobody acts on themselves unless a row says "self". */
let callers: Record<Exclude<Caller, "anonymous">, Person>;
let targets: Record<OrgRole, Person>;

beforeAll(async () => {
  const make = (name: string) => quickPerson({ name });
  callers = { owner: await make("Owner"), admin: await make("Admin"), member: await make("Member"), viewer: await make("Viewer"), outsider: await make("Outsider") };
  targets = { owner: await make("Owner Two"), admin: await make("Admin Two"), member: await make("Member Two"), viewer: await make("Viewer Two") };
  // The outsider is a member of another organization, just not of the one under test.
  await seedOrg([[callers.outsider, "owner"]]);
});

const as = (caller: Caller) => (caller === "anonymous" ? null : callers[caller]);

type OrgKind = "private" | "public" | "sole";
/** private/public: two owners (the caller and a second one); sole: a private org whose only owner is the calling owner. */
const freshOrg = (kind: OrgKind) =>
  seedOrg(
    [
      [callers.owner, "owner"],
      [callers.admin, "admin"],
      [callers.member, "member"],
      [callers.viewer, "viewer"],
      ...(kind === "sole" ? [] : ([[targets.owner, "owner"]] as [Person, OrgRole][])),
      [targets.admin, "admin"],
      [targets.member, "member"],
      [targets.viewer, "viewer"],
    ],
    { visibility: kind === "public" ? "public" : "private" },
  );

type Route = "GET /members" | "PATCH /members/{id}" | "DELETE /members/{id}" | "DELETE /membership";
type Target = OrgRole | "self" | "-";

/**
 * Expected status per caller. "self": the caller acts on their own membership (anonymous: a random
 * id). Two owners unless the org is "sole". Outsiders see a private org as absent (404), a public
 * one as closed (403); anonymous callers get what outsiders get from a private org (404, issue 9
 * item 12) and are asked to sign in (401) by a public one.
 */
const MATRIX: [Route, OrgKind, Target, OrgRole | "-", string][] = [
  // route                  org        target    new role   owner admin member viewer outsider anonymous
  ["GET /members",          "private", "-",      "-",      "200   200   200    200    404      404"],
  ["GET /members",          "public",  "-",      "-",      "200   200   200    200    403      401"],
  ["PATCH /members/{id}",   "private", "member", "admin",  "200   200   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "member", "viewer", "200   200   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "viewer", "member", "200   200   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "admin",  "member", "200   200   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "member", "member", "200   200   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "member", "owner",  "200   403   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "admin",  "owner",  "200   403   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "owner",  "admin",  "200   403   403    403    404      404"],
  ["PATCH /members/{id}",   "private", "owner",  "viewer", "200   403   403    403    404      404"],
  ["PATCH /members/{id}",   "public",  "member", "admin",  "200   200   403    403    403      401"],
  ["PATCH /members/{id}",   "private", "self",   "owner",  "200   403   403    403    404      404"],
  ["PATCH /members/{id}",   "sole",    "self",   "viewer", "409   200   403    403    404      404"],
  ["DELETE /members/{id}",  "private", "owner",  "-",      "204   403   403    403    404      404"],
  ["DELETE /members/{id}",  "private", "admin",  "-",      "204   204   403    403    404      404"],
  ["DELETE /members/{id}",  "private", "member", "-",      "204   204   403    403    404      404"],
  ["DELETE /members/{id}",  "private", "viewer", "-",      "204   204   403    403    404      404"],
  ["DELETE /members/{id}",  "public",  "member", "-",      "204   204   403    403    403      401"],
  ["DELETE /members/{id}",  "sole",    "self",   "-",      "409   204   403    403    404      404"],
  ["DELETE /membership",    "private", "-",      "-",      "204   204   204    204    404      404"],
  ["DELETE /membership",    "public",  "-",      "-",      "204   204   204    204    403      401"],
  ["DELETE /membership",    "sole",    "-",      "-",      "409   204   204    204    404      404"],
];

const matrixCases = MATRIX.flatMap(([route, org, target, newRole, statuses]) =>
  statusesByCaller(statuses, CALLERS).map((c) => ({ route, org, target, newRole, ...c })),
);

describe("members: permission matrix over HTTP", () => {
  it("has a status for every row × caller", () => {
    expect(matrixCases).toHaveLength(MATRIX.length * CALLERS.length);
  });

  it.each(matrixCases)("$route ($org org, target $target → $newRole) as $caller → $status", async ({ route, org: kind, target, newRole, caller, status }) => {
    const org = await freshOrg(kind);
    const targetId = target === "self" ? (as(caller)?.id ?? randomUUID()) : target === "-" ? null : targets[target].id;
    const [method, pattern] = route.split(" ");
    const path = `/api/v1/orgs/${org.slug}${pattern.replace("{id}", targetId ?? "")}`;
    const before = await orgState(org.id);

    const res = await api(method, path, { as: as(caller), body: method === "PATCH" ? { role: newRole } : undefined });
    const json = await bodyOf(res);
    expect(res.status, JSON.stringify(json)).toBe(status);
    const after = await orgState(org.id);

    if (status >= 400) {
      expect(json.error.code).toBe(ERROR_CODE[status]);
      // A refusal changes nothing: every role, every invitation, no audit event.
      expect(after).toEqual(before);
      return;
    }
    const actor = as(caller)!;
    const others = (id: string) => before.members.filter((m) => m.userId !== id);
    switch (route) {
      case "GET /members": {
        expect(after).toEqual(before);
        expect(json.nextCursor).toBeNull();
        expect(json.items.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual(before.members.map((m) => [m.userId, m.role]).sort());
        expect(json.items[0]).toEqual({ id: expect.any(String), name: expect.any(String), email: expect.stringContaining("@"), role: expect.any(String), joinedAt: expect.any(String), joinedVia: "seed", ...(["owner", "admin"].includes(caller) ? { lastActiveAt: expect.any(String), lastSignInMethod: "password" } : { lastActiveAt: null, lastSignInMethod: null }) });
        break;
      }
      case "PATCH /members/{id}": {
        const previous = before.members.find((m) => m.userId === targetId)!.role;
        expect(json).toEqual({ id: targetId, role: newRole });
        expect(after.members.find((m) => m.userId === targetId)?.role).toBe(newRole);
        expect(after.members.filter((m) => m.userId !== targetId)).toEqual(others(targetId!));
        expect(after.invites).toEqual(before.invites);
        if (previous === newRole) {
          expect(after.audit).toBe(before.audit);
        } else {
          expect(after.audit).toBe(before.audit + 1);
          expect(await lastAudit(org.id)).toMatchObject({ action: "member.role_changed", actorId: actor.id, actorRole: caller, targetId, before: { role: previous }, after: { role: newRole } });
        }
        break;
      }
      case "DELETE /members/{id}": {
        expect(json).toBeNull();
        expect(after.members).toEqual(others(targetId!));
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "member.removed", actorId: actor.id, actorRole: caller, targetId, before: { role: target === "self" ? caller : target } });
        break;
      }
      case "DELETE /membership": {
        expect(json).toBeNull();
        expect(after.members).toEqual(others(actor.id));
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "member.left", actorId: actor.id, actorRole: caller, targetId: actor.id });
        break;
      }
    }
    // At least one owner, always.
    expect(after.members.some((m) => m.role === "owner")).toBe(true);
  });
});

describe("members: role rules", () => {
  const patch = (slug: string, who: Person, userId: string, body: unknown) => api("PATCH", `/api/v1/orgs/${slug}/members/${userId}`, { as: who, body });
  const remove = (slug: string, who: Person, userId: string) => api("DELETE", `/api/v1/orgs/${slug}/members/${userId}`, { as: who });

  it("never lets an admin make themselves an owner, or touch an owner in any way", async () => {
    const org = await freshOrg("private");
    const before = await orgState(org.id);
    for (const res of [
      await patch(org.slug, callers.admin, callers.admin.id, { role: "owner" }),
      await patch(org.slug, callers.admin, callers.owner.id, { role: "admin" }),
      await patch(org.slug, callers.admin, callers.owner.id, { role: "owner" }),
      await remove(org.slug, callers.admin, targets.owner.id),
    ]) {
      expect(res.status).toBe(403);
      expect((await bodyOf(res)).error.code).toBe("forbidden");
    }
    expect(await orgState(org.id)).toEqual(before);
  });

  it("refuses to demote or remove the last owner (409), also when they do it to themselves", async () => {
    const org = await freshOrg("sole");
    const before = await orgState(org.id);
    for (const role of ["admin", "member", "viewer"]) {
      const res = await patch(org.slug, callers.owner, callers.owner.id, { role });
      expect(res.status).toBe(409);
      expect((await bodyOf(res)).error.message).toMatch(/at least one owner/i);
    }
    const removed = await remove(org.slug, callers.owner, callers.owner.id);
    expect(removed.status).toBe(409);
    const left = await api("DELETE", `/api/v1/orgs/${org.slug}/membership`, { as: callers.owner });
    expect(left.status).toBe(409);
    expect((await bodyOf(left)).error.message).toMatch(/last owner/i);
    expect(await orgState(org.id)).toEqual(before);
  });

  it("lets one of two owners demote the other, and then refuses the last one's own demotion", async () => {
    const org = await freshOrg("private");
    expect((await patch(org.slug, callers.owner, targets.owner.id, { role: "admin" })).status).toBe(200);
    expect((await patch(org.slug, callers.owner, callers.owner.id, { role: "admin" })).status).toBe(409);
    // The demoted owner, now an admin, cannot take ownership back.
    expect((await patch(org.slug, targets.owner, targets.owner.id, { role: "owner" })).status).toBe(403);
    expect(await roleIn(org.id, callers.owner.id)).toBe("owner");
    expect(await roleIn(org.id, targets.owner.id)).toBe("admin");
  });

  it("answers 404 for an unknown, malformed or non-member user id, and 400 for a bad role, changing nothing", async () => {
    const org = await freshOrg("private");
    const stranger = await quickPerson({ name: "Stranger" });
    const before = await orgState(org.id);
    for (const id of [randomUUID(), "not-a-uuid", stranger.id, "'; drop table memberships;--"]) {
      expect((await patch(org.slug, callers.owner, encodeURIComponent(id), { role: "admin" })).status, id).toBe(404);
      expect((await remove(org.slug, callers.owner, encodeURIComponent(id))).status, id).toBe(404);
    }
    for (const body of [{}, { role: "superuser" }, { role: "OWNER" }, { role: null }, { role: ["admin"] }]) {
      const res = await patch(org.slug, callers.owner, targets.member.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await bodyOf(res)).toMatchObject({ error: { code: "validation_failed", fields: { role: expect.any(String) } } });
    }
    const raw = await api("PATCH", `/api/v1/orgs/${org.slug}/members/${targets.member.id}`, { as: callers.owner, rawBody: "{role:" });
    expect(raw.status).toBe(400);
    expect(await orgState(org.id)).toEqual(before);
  });

  it("answers a caller who may not change roles with 403/404 even when the body is malformed (a 400 would reveal a private org)", async () => {
    const org = await freshOrg("private");
    const before = await orgState(org.id);
    const expected: [Caller, number][] = [
      ["anonymous", 404],
      ["outsider", 404],
      ["member", 403],
      ["viewer", 403],
    ];
    for (const [caller, status] of expected) {
      for (const body of [{}, { role: "superuser" }]) {
        const res = await api("PATCH", `/api/v1/orgs/${org.slug}/members/${targets.member.id}`, { as: as(caller), body });
        expect(res.status, `${caller} ${JSON.stringify(body)}`).toBe(status);
      }
    }
    // A slug that does not exist answers the outsider the same way.
    expect((await api("PATCH", `/api/v1/orgs/no-such-org-${randomBytes(3).toString("hex")}/members/${targets.member.id}`, { as: callers.outsider, body: {} })).status).toBe(404);
    expect(await orgState(org.id)).toEqual(before);
  });

  it("does not act on a member of another organization through this one's URL", async () => {
    const org = await freshOrg("private");
    const elsewhere = await quickPerson({ name: "Elsewhere" });
    const other = await seedOrg([[elsewhere, "member"], [callers.owner, "owner"]]);
    expect((await remove(org.slug, callers.owner, elsewhere.id)).status).toBe(404);
    expect((await patch(org.slug, callers.owner, elsewhere.id, { role: "viewer" })).status).toBe(404);
    expect(await roleIn(other.id, elsewhere.id)).toBe("member");
  });
});

describe("members: removal", () => {
  async function seedTeamAndProject(orgId: string, userId: string, label: string) {
    const db = await getDb();
    const [team] = await db.insert(teams).values({ orgId, name: `Team ${label}`, slug: `team-${label}` }).returning();
    const [project] = await db.insert(projects).values({ orgId, name: `Project ${label}`, slug: `project-${label}` }).returning();
    await db.insert(teamMembers).values({ teamId: team.id, userId });
    await db.insert(projectGrants).values({ projectId: project.id, userId, role: "write" });
    return { team, project };
  }

  it("deletes the member's team memberships and project grants in that org only, and revokes the invitations they sent there", async () => {
    const leaver = await quickPerson({ name: "Leaver" });
    const org = await seedOrg([[callers.owner, "owner"], [leaver, "admin"]]);
    const other = await seedOrg([[callers.owner, "owner"], [leaver, "admin"]]);
    const here = await seedTeamAndProject(org.id, leaver.id, "here");
    const there = await seedTeamAndProject(other.id, leaver.id, "there");
    const sentHere = await seedInvitation(org.id, "sent-here@example.com", "member", leaver.id);
    const acceptedHere = await seedInvitation(org.id, "accepted-here@example.com", "member", leaver.id);
    const db = await getDb();
    await db.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, acceptedHere.id));
    const byOwner = await seedInvitation(org.id, "by-owner@example.com", "member", callers.owner.id);
    const sentThere = await seedInvitation(other.id, "sent-there@example.com", "member", leaver.id);

    const res = await api("DELETE", `/api/v1/orgs/${org.slug}/members/${leaver.id}`, { as: callers.owner });
    expect(res.status).toBe(204);

    expect(await roleIn(org.id, leaver.id)).toBeNull();
    expect((await teamMembershipsOf(leaver.id)).map((t) => t.teamId)).toEqual([there.team.id]);
    expect((await projectGrantsOf(leaver.id)).map((g) => g.projectId)).toEqual([there.project.id]);
    expect((await invitationById(sentHere.id))?.revokedAt).toBeInstanceOf(Date);
    expect((await invitationById(acceptedHere.id))?.revokedAt).toBeNull();
    expect((await invitationById(byOwner.id))?.revokedAt).toBeNull();
    expect((await invitationById(sentThere.id))?.revokedAt).toBeNull();
    // The revoked invitation's link now says so.
    const link = await bodyOf(await api("GET", `/api/v1/invitations/${sentHere.token}`));
    expect(link.status).toBe("revoked");
    // Their membership of the other organization is untouched.
    expect(await roleIn(other.id, leaver.id)).toBe("admin");
    expect((await teamMembershipsOf(leaver.id)).map((t) => t.teamId)).not.toContain(here.team.id);
  });

  it("does the same when the member leaves on their own", async () => {
    const leaver = await quickPerson({ name: "Leaver" });
    const org = await seedOrg([[callers.owner, "owner"], [leaver, "admin"]]);
    await seedTeamAndProject(org.id, leaver.id, "own");
    const sent = await seedInvitation(org.id, "sent-by-leaver@example.com", "viewer", leaver.id);
    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/membership`, { as: leaver })).status).toBe(204);
    expect(await teamMembershipsOf(leaver.id)).toEqual([]);
    expect(await projectGrantsOf(leaver.id)).toEqual([]);
    expect((await invitationById(sent.id))?.revokedAt).toBeInstanceOf(Date);
  });

  it("takes the org away from the removed member's session on the very next request", async () => {
    const removed = await quickPerson({ name: "Removed" });
    const org = await seedOrg([[callers.owner, "owner"], [callers.admin, "admin"], [removed, "member"]]);
    expect((await api("GET", `/api/v1/orgs/${org.slug}`, { as: removed })).status).toBe(200);
    expect((await api("GET", `/api/v1/orgs/${org.slug}/members`, { as: removed })).status).toBe(200);

    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/members/${removed.id}`, { as: callers.admin })).status).toBe(204);

    expect((await loadActor(removed.headers, org.slug)).org?.role).toBeNull();
    expect((await api("GET", `/api/v1/orgs/${org.slug}`, { as: removed })).status).toBe(404);
    expect((await api("GET", `/api/v1/orgs/${org.slug}/members`, { as: removed })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/membership`, { as: removed })).status).toBe(404);
    // Their session itself still works elsewhere.
    expect((await api("GET", "/api/v1/me", { as: removed })).status).toBe(200);
  });

  it("takes a demotion into account on the next request (an admin demoted to viewer can no longer remove)", async () => {
    const org = await freshOrg("private");
    expect((await api("PATCH", `/api/v1/orgs/${org.slug}/members/${callers.admin.id}`, { as: callers.owner, body: { role: "viewer" } })).status).toBe(200);
    const res = await api("DELETE", `/api/v1/orgs/${org.slug}/members/${targets.member.id}`, { as: callers.admin });
    expect(res.status).toBe(403);
    expect(await roleIn(org.id, targets.member.id)).toBe("member");
  });
});

/**
 * The members list: search, role filter, keyset pagination and bad input, on one org of 31 people.
 */
describe("members list", () => {
  type ListedMember = { id: string; name: string; email: string; role: OrgRole };

  let owner: Person;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  const everyone: ListedMember[] = [];

  /** Names that look like LIKE patterns, quotes and SQL, next to ordinary ones, in mixed case. */
  const TRICKY = ["%Percent", "_Under", "'Quote", "O'Brien", "Back\\slash", "100% Sure", "a_b", "Robert'); drop table users;--", "Émile Zola", "élodie"];
  const ORDINARY = ["alice", "Alice", "ALICE", "bob", "Bobby", "carol", "Dave", "eve", "Frank", "grace", "Heidi", "ivan", "Judy", "mallory", "Niaj", "olivia", "Peggy", "rupert", "Sybil", "trent"];

  const unique = () => randomBytes(4).toString("hex");
  /** The answer as status and body; a handler that throws is what Next.js turns into a 500. */
  const list = async (query = "", who: Person = owner) => {
    const res = await api("GET", `/api/v1/orgs/${org.slug}/members${query}`, { as: who }).catch((error: Error) => error);
    if (res instanceof Error) return { status: 500, body: { error: { code: "thrown", message: res.message.slice(0, 300) } } };
    return { status: res.status, body: await bodyOf(res) };
  };
  const names = (items: ListedMember[]) => items.map((m) => m.name);

  beforeAll(async () => {
    owner = await quickPerson({ name: "Zed Owner", email: `zed-owner-${unique()}@example.com` });
    org = await seedOrg([[owner, "owner"]]);
    everyone.push({ id: owner.id, name: "Zed Owner", email: owner.email, role: "owner" });
    const roles: OrgRole[] = ["admin", "member", "viewer"];
    const all = [...ORDINARY, ...TRICKY];
    for (const [i, name] of all.entries()) {
      const local = name.toLowerCase().replace(/[^a-z]/g, "") || "x";
      const p = await quickPerson({ name, email: `${local}-${unique()}@example.com` });
      const role = roles[i % roles.length];
      await addMember(org.id, p.id, role);
      everyone.push({ id: p.id, name, email: p.email, role });
    }
    // Someone in another organization only: never listed here.
    await seedOrg([[await quickPerson({ name: "alice elsewhere" }), "owner"]]);
  });

  /** The order the API promises: lower-cased name in byte order, then id. */
  const byName = (a: ListedMember, b: ListedMember) => {
    const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
    const bx = Buffer.from(x), by = Buffer.from(y);
    return Buffer.compare(bx, by) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };

  it("walks every member exactly once, in name order, 7 at a time", async () => {
    expect(everyone.length).toBeGreaterThanOrEqual(30);
    const seen: ListedMember[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body }: { status: number; body: { items: ListedMember[]; nextCursor: string | null } } = await list(`?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(7);
      if (body.nextCursor) expect(body.items).toHaveLength(7);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(Math.ceil(everyone.length / 7));
    expect(seen.map((m) => m.id)).toEqual([...everyone].sort(byName).map((m) => m.id));
    expect(new Set(seen.map((m) => m.id)).size).toBe(everyone.length);
    for (const m of seen) expect(m).toMatchObject(everyone.find((e) => e.id === m.id)!);
  });

  it("ends with nextCursor null when the last page is exactly full", async () => {
    const { body } = await list(`?limit=${everyone.length}`);
    expect(body.items).toHaveLength(everyone.length);
    expect(body.nextCursor).toBeNull();
  });

  it("searches by the start of a name or an email, case-insensitively", async () => {
    expect(names((await list("?query=ALI")).body.items).sort()).toEqual(["ALICE", "Alice", "alice"]);
    expect(names((await list("?query=bOb")).body.items).sort()).toEqual(["Bobby", "bob"].sort());
    // Prefix, not substring: "lice" is inside alice but starts nothing.
    expect((await list("?query=lice")).body.items).toEqual([]);
    // By email prefix: mallory's address starts with "mallory-".
    expect(names((await list("?query=MALLORY-")).body.items)).toEqual(["mallory"]);
    const zed = everyone.find((m) => m.name === "Zed Owner")!;
    expect((await list(`?query=${encodeURIComponent(zed.email.toUpperCase())}`)).body.items.map((m: ListedMember) => m.id)).toEqual([zed.id]);
    // Surrounding spaces are ignored.
    expect((await list("?query=%20%20judy%20")).body.items).toHaveLength(1);
  });

  it("treats %, _, quotes and backslashes in a search literally (no 500, no wildcard)", async () => {
    const cases: [string, string[]][] = [
      ["%", ["%Percent"]],
      ["%p", ["%Percent"]],
      ["_", ["_Under"]],
      ["a_", ["a_b"]],
      ["'", ["'Quote"]],
      ["o'b", ["O'Brien"]],
      ["back\\", ["Back\\slash"]],
      ["\\", []],
      ["100%", ["100% Sure"]],
      ["robert');", ["Robert'); drop table users;--"]],
      ["%%", []],
      ["__", []],
      ["' or '1'='1", []],
      ['"', []],
    ];
    for (const [query, expected] of cases) {
      const { status, body } = await list(`?query=${encodeURIComponent(query)}`);
      expect(status, query).toBe(200);
      expect(names(body.items).sort(), query).toEqual(expected.sort());
    }
  });

  it("answers a search containing a NUL byte without a 500 (400, or no match)", async () => {
    for (const query of ["a\u0000", "\u0000", "%\u0000_"]) {
      const { status, body } = await list(`?query=${encodeURIComponent(query)}`);
      expect([200, 400], `${JSON.stringify(query)}: ${JSON.stringify(body).slice(0, 200)}`).toContain(status);
      if (status === 200) expect(body.items).toEqual([]);
    }
  });

  it("searches non-ASCII names case-insensitively", async () => {
    expect(names((await list(`?query=${encodeURIComponent("émile")}`)).body.items)).toEqual(["Émile Zola"]);
    expect(names((await list(`?query=${encodeURIComponent("ÉLO")}`)).body.items)).toEqual(["élodie"]);
  });

  it("filters by role, alone and with a search", async () => {
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      const { body } = await list(`?role=${role}&limit=100`);
      expect(body.items.map((m: ListedMember) => m.id).sort(), role).toEqual(everyone.filter((m) => m.role === role).map((m) => m.id).sort());
    }
    const alices = everyone.filter((m) => m.name.toLowerCase() === "alice");
    const { body } = await list(`?role=${alices[0].role}&query=alice`);
    expect(body.items.map((m: ListedMember) => m.id)).toEqual(alices.filter((m) => m.role === alices[0].role).map((m) => m.id));
  });

  it("pages a search too", async () => {
    const first = (await list("?query=a&limit=2")).body;
    expect(first.items).toHaveLength(2);
    const rest = (await list(`?query=a&limit=2&cursor=${first.nextCursor}`)).body;
    const all = (await list("?query=a&limit=100")).body.items;
    expect([...first.items, ...rest.items].map((m: ListedMember) => m.id)).toEqual(all.slice(0, first.items.length + rest.items.length).map((m: ListedMember) => m.id));
  });

  it("answers 400 with the field for a bad cursor, limit, role or query, never 500", async () => {
    const garbage = Buffer.from(JSON.stringify(["x"])).toString("base64url");
    const notStrings = Buffer.from(JSON.stringify([1, 2])).toString("base64url");
    const cases: [string, string][] = [
      ["?cursor=abc", "cursor"],
      ["?cursor=%00", "cursor"],
      [`?cursor=${garbage}`, "cursor"],
      [`?cursor=${notStrings}`, "cursor"],
      [`?cursor=${"a".repeat(1001)}`, "cursor"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?limit=-5", "limit"],
      ["?limit=abc", "limit"],
      ["?limit=1.5", "limit"],
      ["?role=superuser", "role"],
      ["?role=OWNER", "role"],
      [`?query=${"q".repeat(101)}`, "query"],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe("validation_failed");
      expect(Object.keys(body.error.fields ?? {}), query).toContain(field);
    }
    expect((await list("?limit=1")).status).toBe(200);
    expect((await list("?limit=100")).status).toBe(200);
  });

  it("answers 400, not 500, to a well-formed cursor whose values the database cannot take", async () => {
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    for (const values of [
      ["alice", "not-a-uuid"],
      ["alice", ""],
      ["a\u0000b", everyone[0].id],
    ]) {
      const { status, body } = await list(`?cursor=${cursor(values)}`);
      expect(status, `${JSON.stringify(values)}: ${JSON.stringify(body)}`).toBe(400);
      expect(body.error.fields).toHaveProperty("cursor");
    }
  });
});
