/**
 * What the UI pages read and export: bulk member changes (each person through the service, with a
 * report), the dashboard's activity filtered by what each role may see (issue 9 item 15), the audit
 * log's filters and choices, and the streamed CSV / JSON-lines exports through the route handlers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, projectGrants, projects } from "@/db/schema";
import type { OrgRole } from "@/lib/authz";
import { auditFilterChoices, listAuditEvents } from "@/lib/audit/list";
import { csvField } from "@/lib/export/stream";
import { changeMemberRoles, removeMembers } from "@/lib/members/bulk";
import { listMembers } from "@/lib/members/service";
import { getOrgOverview } from "@/lib/orgs/service";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { roleIn, seedOrg } from "../support/orgs";
import { orgActorOf, quickPerson, type Person } from "../support/people";

useFreshDatabase();

const ROLES: OrgRole[] = ["owner", "admin", "member", "viewer"];

describe("bulk member changes", () => {
  it("runs each person through the service and reports on each: an admin cannot touch the owner", async () => {
    const [owner, admin, a, b] = await Promise.all(["Owner", "Admin", "Ann", "Bo"].map((name) => quickPerson({ name })));
    const org = await seedOrg([[owner, "owner"], [admin, "admin"], [a, "member"], [b, "viewer"]]);
    const asAdmin = await orgActorOf(admin, org.slug);
    const report = await changeMemberRoles(asAdmin, { userIds: [a.id, owner.id, b.id, "not-a-uuid"], role: "admin" });
    expect(report.map((r) => [r.userId, r.ok])).toEqual([
      [a.id, true],
      [owner.id, false],
      [b.id, true],
      ["not-a-uuid", false],
    ]);
    expect(report[1].message).toMatch(/not allowed|permission|may not/i);
    expect(await Promise.all([a, owner, b].map((p) => roleIn(org.id, p.id)))).toEqual(["admin", "owner", "admin"]);
  });

  it("refuses the whole request when the caller manages nobody, or names nobody or too many", async () => {
    const [owner, member, other] = await Promise.all(["Owner", "Member", "Other"].map((name) => quickPerson({ name })));
    const org = await seedOrg([[owner, "owner"], [member, "member"], [other, "member"]]);
    await expect(removeMembers(await orgActorOf(member, org.slug), { userIds: [other.id] })).rejects.toMatchObject({ status: 403 });
    const asOwner = await orgActorOf(owner, org.slug);
    await expect(removeMembers(asOwner, { userIds: [] })).rejects.toMatchObject({ status: 400 });
    await expect(removeMembers(asOwner, { userIds: Array.from({ length: 101 }, () => other.id) })).rejects.toMatchObject({ status: 400 });
    expect(await roleIn(org.id, other.id)).toBe("member");
  });

  it("keeps the last owner: removing every owner at once stops at the last one", async () => {
    const [o1, o2] = await Promise.all(["One", "Two"].map((name) => quickPerson({ name })));
    const org = await seedOrg([[o1, "owner"], [o2, "owner"]]);
    const report = await removeMembers(await orgActorOf(o1, org.slug), { userIds: [o2.id, o1.id] });
    expect(report.map((r) => r.ok)).toEqual([true, false]);
    expect(await roleIn(org.id, o1.id)).toBe("owner");
  });
});

describe("members list", () => {
  it("says when each person was last active and how they signed in", async () => {
    const [owner, never] = await Promise.all([quickPerson({ name: "Active" }), quickPerson({ name: "Never" })]);
    const org = await seedOrg([[owner, "owner"], [never, "member"]]);
    const db = await getDb();
    const { sessions } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.delete(sessions).where(eq(sessions.userId, never.id));
    const { items } = await listMembers(await orgActorOf(owner, org.slug));
    const byName = Object.fromEntries(items.map((m) => [m.name, m]));
    expect(byName.Active.lastActiveAt).toBeInstanceOf(Date);
    expect(byName.Active.lastSignInMethod).toBe("password");
    expect(byName.Never).toMatchObject({ lastActiveAt: null, lastSignInMethod: null });
  });

  it("shows members' activity to owners and admins only", async () => {
    const people = await Promise.all(ROLES.map((r) => quickPerson({ name: `Seen ${r}` })));
    const org = await seedOrg(ROLES.map((r, i) => [people[i], r]));
    const seen = await Promise.all(
      people.map(async (p) => (await listMembers(await orgActorOf(p, org.slug))).items.filter((m) => m.lastActiveAt !== null || m.lastSignInMethod !== null).length),
    );
    expect(Object.fromEntries(ROLES.map((r, i) => [r, seen[i]]))).toEqual({ owner: 4, admin: 4, member: 0, viewer: 0 });
  });
});

describe("dashboard activity", () => {
  let people: Record<OrgRole, Person>;
  let slug: string;
  beforeAll(async () => {
    people = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await quickPerson({ name: r })]))) as Record<OrgRole, Person>;
    const org = await seedOrg(ROLES.map((r) => [people[r], r]));
    slug = org.slug;
    const db = await getDb();
    const event = (action: string, targetLabel: string) => ({ orgId: org.id, actorId: people.owner.id, actorName: "owner", action, targetType: "x", targetLabel });
    const made = await db
      .insert(projects)
      .values([
        { orgId: org.id, name: "Secret", slug: "secret", visibility: "private" as const },
        { orgId: org.id, name: "Open", slug: "open", visibility: "internal" as const },
        { orgId: org.id, name: "Granted", slug: "granted", visibility: "private" as const },
      ])
      .returning();
    const [secret, open, granted] = made;
    await db.insert(projectGrants).values({ projectId: granted.id, userId: people.viewer.id, role: "read" });
    const about = (p: typeof secret) => ({ ...event("project.created", p.slug), targetType: "project", targetId: p.id });
    await db.insert(auditEvents).values([
      event("invitation.created", "secret-invitee@example.com"),
      event("org.auth_settings.updated", org.slug),
      event("member.role_changed", "someone@example.com"),
      event("invitation.revoked", "other-invitee@example.com"),
      about(secret),
      about(open),
      about(granted),
    ]);
  });

  // Literal table: which events each role sees on the dashboard, newest first.
  const SEES: Record<OrgRole, string[]> = {
    owner: ["project.created granted", "project.created open", "project.created secret", "invitation.revoked", "member.role_changed", "org.auth_settings.updated", "invitation.created"],
    admin: ["project.created granted", "project.created open", "project.created secret", "invitation.revoked", "member.role_changed", "org.auth_settings.updated", "invitation.created"],
    member: ["project.created open", "member.role_changed"],
    viewer: ["project.created granted", "project.created open", "member.role_changed"],
  };
  it.each(ROLES)("%s sees only the events about what it may see", async (role) => {
    const { activity } = await getOrgOverview(await orgActorOf(people[role], slug));
    expect(activity.map((e) => (e.action === "project.created" ? `${e.action} ${e.targetLabel}` : e.action))).toEqual(SEES[role]);
  });
});

describe("audit log filters and exports", () => {
  let owner: Person;
  let admin: Person;
  let member: Person;
  let slug: string;
  beforeAll(async () => {
    [owner, admin, member] = await Promise.all(["Olivia", "Adam", "Mia"].map((name) => quickPerson({ name })));
    const org = await seedOrg([[owner, "owner"], [admin, "admin"], [member, "member"]]);
    slug = org.slug;
    const db = await getDb();
    const rows = [
      { actor: owner, action: "member.role_changed", target: "ann@example.com", at: "2026-01-05T10:00:00Z" },
      { actor: admin, action: "invitation.created", target: "=cmd|' /C calc'!A0", at: "2026-02-10T23:59:59Z" },
      { actor: admin, action: "invitation.revoked", target: "bo@example.com", at: "2026-02-11T00:00:00Z" },
      { actor: owner, action: "project.created", target: "gpu-scheduler", at: "2026-03-01T12:00:00Z" },
    ];
    for (const r of rows) {
      await db.insert(auditEvents).values({ orgId: org.id, actorId: r.actor.id, actorName: r.actor === owner ? "Olivia" : "Adam", action: r.action, targetType: "x", targetLabel: r.target, createdAt: new Date(r.at) });
    }
  });

  const actions = async (filters: Record<string, string>) => (await listAuditEvents(await orgActorOf(owner, slug), filters)).items.map((e) => e.action);

  it("filters by date range (both ends whole UTC days), actor and words in the target", async () => {
    expect(await actions({ from: "2026-02-10", to: "2026-02-10" })).toEqual(["invitation.created"]);
    expect(await actions({ from: "2026-02-11" })).toEqual(["project.created", "invitation.revoked"]);
    expect(await actions({ actor: admin.id })).toEqual(["invitation.revoked", "invitation.created"]);
    expect(await actions({ target: "EXAMPLE.com" })).toEqual(["invitation.revoked", "member.role_changed"]);
    expect(await actions({ target: "100%" })).toEqual([]);
  });

  it("refuses a backwards or malformed range next to the field", async () => {
    const asOwner = await orgActorOf(owner, slug);
    await expect(listAuditEvents(asOwner, { from: "2026-03-01", to: "2026-02-01" })).rejects.toMatchObject({ status: 400, fields: { to: expect.any(String) } });
    await expect(listAuditEvents(asOwner, { from: "yesterday" })).rejects.toMatchObject({ status: 400, fields: { from: expect.any(String) } });
  });

  it("offers every action and actor that appears, and only to who may read the log", async () => {
    const choices = await auditFilterChoices(await orgActorOf(admin, slug));
    expect(choices.actions).toEqual(["invitation.created", "invitation.revoked", "member.role_changed", "project.created"]);
    expect(choices.actors.map((a) => a.name)).toEqual(["Adam", "Olivia"]);
    await expect(auditFilterChoices(await orgActorOf(member, slug))).rejects.toMatchObject({ status: 403 });
  });

  it("exports CSV with formulas defused, and JSON lines, filtered, for owners and admins only", async () => {
    const csv = await api("GET", `/api/v1/orgs/${slug}/audit/export?format=csv&actor=${admin.id}`, { as: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-audit.csv"`);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,time,action,action_name,/);
    expect(lines[2]).toContain(",'=cmd|' /C calc'!A0,");
    const jsonl = await api("GET", `/api/v1/orgs/${slug}/audit/export?format=jsonl&from=2026-02-11`, { as: owner });
    const events = (await jsonl.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(events.map((e) => e.action)).toEqual(["project.created", "invitation.revoked"]);
    expect((await api("GET", `/api/v1/orgs/${slug}/audit/export`, { as: member })).status).toBe(403);
    const bad = await api("GET", `/api/v1/orgs/${slug}/audit/export?from=2026-13-01`, { as: owner });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields.from).toBeTruthy();
    expect((await api("GET", `/api/v1/orgs/${slug}/audit/export?format=xml`, { as: owner })).status).toBe(400);
  });

  it("streams an export larger than one batch, each event once, newest first", async () => {
    const [o] = await Promise.all([quickPerson({ name: "Many" })]);
    const org = await seedOrg([[o, "owner"]]);
    const db = await getDb();
    await db.insert(auditEvents).values(Array.from({ length: 1234 }, (_, i) => ({ orgId: org.id, actorId: o.id, actorName: "Many", action: "project.created", targetType: "x", targetLabel: `p${i}` })));
    const res = await api("GET", `/api/v1/orgs/${org.slug}/audit/export?format=jsonl`, { as: o });
    const labels = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l).targetLabel);
    expect(labels).toHaveLength(1234);
    expect(labels[0]).toBe("p1233");
    expect(new Set(labels).size).toBe(1234);
  });

  it("exports members as CSV for every member, with the page's filters", async () => {
    const res = await api("GET", `/api/v1/orgs/${slug}/members/export?role=admin`, { as: member });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines).toEqual(["name,email,role,joined_at,joined_via,last_active_at,last_sign_in_method", expect.stringMatching(new RegExp(`^Adam,${admin.email},admin,`))]);
    // Signed out, a private organization does not exist.
    expect((await api("GET", `/api/v1/orgs/${slug}/members/export`)).status).toBe(404);
  });
});

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["line\nbreak", '"line\nbreak"'],
    [null, ""],
  ])("%j → %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("invitation history", () => {
  it("lists pending ones apart from answered, revoked and expired ones", async () => {
    const { seedInvitation, setInvitationExpiry } = await import("../support/invitations");
    const { invitations } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { listInvitations, countPendingInvitations } = await import("@/lib/invitations/service");
    const owner = await quickPerson({ name: "Owner" });
    const org = await seedOrg([[owner, "owner"]]);
    const db = await getDb();
    const pending = await seedInvitation(org.id, "pending@example.com", "member", owner.id);
    const expired = await seedInvitation(org.id, "expired@example.com", "member", owner.id);
    await setInvitationExpiry(expired.id, new Date(Date.now() - 1000));
    const revoked = await seedInvitation(org.id, "revoked@example.com", "viewer", owner.id);
    await db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, revoked.id));
    // Newest first: sent an hour apart, so the order does not hang on ids.
    for (const [i, row] of [pending, expired, revoked].entries()) {
      await db.update(invitations).set({ createdAt: new Date(Date.now() - (3 - i) * 3_600_000) }).where(eq(invitations.id, row.id));
    }
    const asOwner = await orgActorOf(owner, org.slug);
    const emails = async (status: "open" | "pending" | "history") => (await listInvitations(asOwner, { status })).items.map((i) => [i.email, i.status]);
    expect(await emails("pending")).toEqual([["pending@example.com", "pending"]]);
    expect(await emails("history")).toEqual([
      ["revoked@example.com", "revoked"],
      ["expired@example.com", "expired"],
    ]);
    expect(await emails("open")).toEqual([
      ["expired@example.com", "expired"],
      ["pending@example.com", "pending"],
    ]);
    expect(await countPendingInvitations(asOwner)).toBe(1);
  });
});
