/**
 * Invitations over the REST API: the permission matrix for every invitation operation through the
 * route handlers with the database state checked after each call, then the invitation rules
 * (DESIGN §4) and bad input.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { invitations, mailOutbox } from "@/db/schema";
import type { OrgRole } from "@/lib/authz";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import {
  APP_URL,
  invitationById,
  invitationsTo,
  inviteTokenFromOutbox,
  lastAudit,
  mailsTo,
  orgState,
  seedInvitation,
  setInvitationExpiry,
} from "../support/invitations";
import { roleIn, seedOrg } from "../support/orgs";
import { quickPerson, type Person } from "../support/people";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";

useFreshDatabase();

type Caller = OrgRole | "outsider" | "invitee" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "outsider", "invitee", "anonymous"];
const DAY = 86_400_000;

/**
 * owner…viewer: members of the org under test. outsider: a member of another org. invitee: signed
 * in, verified, not a member, and the address the row's invitation is sent to.
 */
let callers: Record<Exclude<Caller, "anonymous">, Person>;

beforeAll(async () => {
  const make = (name: string) => quickPerson({ name });
  callers = {
    owner: await make("Olive Owner"),
    admin: await make("Adam Admin"),
    member: await make("Mia Member"),
    viewer: await make("Vic Viewer"),
    outsider: await make("Otto Outsider"),
    invitee: await make("Ivy Invitee"),
  };
  await seedOrg([[callers.outsider, "owner"]]);
});

const as = (caller: Caller) => (caller === "anonymous" ? null : callers[caller]);
const newAddress = (label = "new") => `${label}-${randomBytes(5).toString("hex")}@example.com`;

const freshOrg = (visibility: "private" | "public", owner: Person = callers.owner) =>
  seedOrg(
    [
      [owner, "owner"],
      [callers.admin, "admin"],
      [callers.member, "member"],
      [callers.viewer, "viewer"],
    ],
    { visibility, name: "Invite Org" },
  );

type Route =
  | "GET /invitations"
  | "POST /invitations"
  | "PATCH /invitations/{id}"
  | "DELETE /invitations/{id}"
  | "POST /invitations/{id}/resend"
  | "GET /invitations/{token}"
  | "POST /invitations/{token}/accept"
  | "POST /invitations/{token}/decline";

/**
 * Expected status per caller. `role`: the role invited (POST) or the role of the pending invitation
 * to the invitee that every other row starts from; `new`: the role a PATCH asks for. Outsiders and
 * the invitee are not members: a private org is absent to them (404), a public one closed (403).
 * A link (token) is its own capability: anyone may read it, only the invited address may answer it.
 */
const MATRIX: [Route, "private" | "public", OrgRole, OrgRole | "-", string][] = [
  // route                                org        role      new       owner admin member viewer outsider invitee anonymous
  ["GET /invitations",                    "private", "member", "-",      "200   200   403    403    404      404     404"],
  ["GET /invitations",                    "public",  "member", "-",      "200   200   403    403    403      403     401"],
  ["POST /invitations",                   "private", "owner",  "-",      "201   403   403    403    404      404     404"],
  ["POST /invitations",                   "private", "admin",  "-",      "201   201   403    403    404      404     404"],
  ["POST /invitations",                   "private", "member", "-",      "201   201   403    403    404      404     404"],
  ["POST /invitations",                   "private", "viewer", "-",      "201   201   403    403    404      404     404"],
  ["POST /invitations",                   "public",  "member", "-",      "201   201   403    403    403      403     401"],
  ["PATCH /invitations/{id}",             "private", "member", "viewer", "204   204   403    403    404      404     404"],
  ["PATCH /invitations/{id}",             "private", "viewer", "admin",  "204   204   403    403    404      404     404"],
  ["PATCH /invitations/{id}",             "private", "member", "owner",  "204   403   403    403    404      404     404"],
  ["PATCH /invitations/{id}",             "private", "owner",  "member", "204   403   403    403    404      404     404"],
  ["DELETE /invitations/{id}",            "private", "member", "-",      "204   204   403    403    404      404     404"],
  ["DELETE /invitations/{id}",            "private", "owner",  "-",      "204   403   403    403    404      404     404"],
  ["DELETE /invitations/{id}",            "public",  "member", "-",      "204   204   403    403    403      403     401"],
  ["POST /invitations/{id}/resend",       "private", "member", "-",      "204   204   403    403    404      404     404"],
  ["POST /invitations/{id}/resend",       "private", "owner",  "-",      "204   403   403    403    404      404     404"],
  ["GET /invitations/{token}",            "private", "member", "-",      "200   200   200    200    200      200     200"],
  ["POST /invitations/{token}/accept",    "private", "member", "-",      "403   403   403    403    403      200     401"],
  ["POST /invitations/{token}/accept",    "private", "owner",  "-",      "403   403   403    403    403      200     401"],
  ["POST /invitations/{token}/decline",   "private", "member", "-",      "403   403   403    403    403      200     401"],
];

const matrixCases = MATRIX.flatMap(([route, visibility, role, newRole, statuses]) =>
  statusesByCaller(statuses, CALLERS).map((c) => ({ route, visibility, role, newRole, ...c })),
);

describe("invitations: permission matrix over HTTP", () => {
  it("has a status for every row × caller", () => {
    expect(matrixCases).toHaveLength(MATRIX.length * CALLERS.length);
  });

  it.each(matrixCases)("$route ($visibility org, role $role → $newRole) as $caller → $status", async ({ route, visibility, role, newRole, caller, status }) => {
    const org = await freshOrg(visibility);
    const pending = await seedInvitation(org.id, callers.invitee.email, role, callers.owner.id);
    const address = newAddress();
    const [method, pattern] = route.split(" ");
    const path = `/api/v1${pattern.startsWith("/invitations/{token}") ? "" : `/orgs/${org.slug}`}${pattern.replace("{id}", pending.id).replace("{token}", pending.token)}`;
    const body = route === "POST /invitations" ? { emails: [address], role } : route === "PATCH /invitations/{id}" ? { role: newRole } : undefined;
    const before = await orgState(org.id);

    const res = await api(method, path, { as: as(caller), body });
    const json = await bodyOf(res);
    expect(res.status, JSON.stringify(json)).toBe(status);
    const after = await orgState(org.id);

    if (status >= 400) {
      expect(json.error.code).toBe(ERROR_CODE[status]);
      // A refusal changes nothing: no invitation, no new token or role, no mail, no audit event.
      expect(after).toEqual(before);
      return;
    }
    const actor = as(caller);
    const invitation = (await invitationById(pending.id))!;
    const otherInvites = (rows: typeof before.invites) => rows.filter((i) => i.id !== pending.id);
    switch (route) {
      case "GET /invitations":
        expect(after).toEqual(before);
        expect(json).toEqual({
          items: [
            {
              id: pending.id,
              email: callers.invitee.email,
              role,
              invitedBy: { id: callers.owner.id, name: "Olive Owner" },
              createdAt: expect.any(String),
              expiresAt: expect.any(String),
              expired: false,
              delivery: "sending",
              status: "pending",
              closedAt: null,
            },
          ],
          nextCursor: null,
        });
        break;
      case "POST /invitations": {
        expect(json).toEqual({ results: [{ email: address, outcome: "invited", message: expect.any(String) }] });
        const [created] = await invitationsTo(org.id, address);
        expect(created).toMatchObject({ email: address, role, invitedBy: actor!.id, acceptedAt: null, revokedAt: null, declinedAt: null });
        expect(created.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
        expect(after.invites).toHaveLength(before.invites.length + 1);
        expect(after.members).toEqual(before.members);
        expect(after.mails).toBe(before.mails + 1);
        expect((await mailsTo(address))[0].id).toBe(created.mailId);
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "invitation.created", actorId: actor!.id, actorRole: caller, targetId: created.id, after: { email: address, role } });
        break;
      }
      case "PATCH /invitations/{id}":
        expect(invitation.role).toBe(newRole);
        expect(invitation.tokenHash).toBe(pending.tokenHash);
        expect(after.members).toEqual(before.members);
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "invitation.role_changed", actorId: actor!.id, actorRole: caller, before: { role }, after: { role: newRole } });
        break;
      case "DELETE /invitations/{id}":
        expect(invitation.revokedAt).toBeInstanceOf(Date);
        expect(after.members).toEqual(before.members);
        expect(otherInvites(after.invites)).toEqual(otherInvites(before.invites));
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "invitation.revoked", actorId: actor!.id, actorRole: caller });
        expect((await bodyOf(await api("GET", `/api/v1/invitations/${pending.token}`))).status).toBe("revoked");
        break;
      case "POST /invitations/{id}/resend":
        expect(invitation.tokenHash).not.toBe(pending.tokenHash);
        expect(invitation.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
        expect(invitation.invitedBy).toBe(actor!.id);
        expect(after.mails).toBe(before.mails + 1);
        expect((await mailsTo(callers.invitee.email))[0].id).toBe(invitation.mailId);
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "invitation.resent", actorId: actor!.id, actorRole: caller });
        expect((await api("GET", `/api/v1/invitations/${pending.token}`)).status).toBe(404);
        break;
      case "GET /invitations/{token}":
        expect(after).toEqual(before);
        expect(json).toEqual({ email: callers.invitee.email, role, project: null, expiresAt: expect.any(String), org: { id: org.id, slug: org.slug, name: "Invite Org" }, inviterName: "Olive Owner", status: "pending" });
        break;
      case "POST /invitations/{token}/accept":
        expect(json).toEqual({ orgSlug: org.slug, orgName: "Invite Org", project: null, role });
        expect(after.members).toEqual(expect.arrayContaining([{ userId: callers.invitee.id, role, joinedVia: "invitation" }]));
        expect(after.members).toHaveLength(before.members.length + 1);
        expect(invitation).toMatchObject({ acceptedBy: callers.invitee.id, acceptedAt: expect.any(Date), declinedAt: null, revokedAt: null });
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "member.joined", actorId: callers.invitee.id, actorRole: role, targetId: callers.invitee.id, after: { role, via: "invitation" } });
        break;
      case "POST /invitations/{token}/decline":
        expect(json).toEqual({ orgSlug: org.slug, orgName: "Invite Org", project: null, role });
        expect(after.members).toEqual(before.members);
        expect(invitation).toMatchObject({ declinedAt: expect.any(Date), acceptedAt: null });
        expect(after.audit).toBe(before.audit + 1);
        expect(await lastAudit(org.id)).toMatchObject({ action: "invitation.declined", actorId: callers.invitee.id });
        break;
    }
  });
});

describe("invitations: rules", () => {
  /** A fresh owner for each test, so the per-inviter daily limit never carries over between tests. */
  async function setup() {
    const boss = await quickPerson({ name: "Bea Boss" });
    const org = await freshOrg("private", boss);
    const invite = (emails: unknown, role: unknown = "member", who: Person = boss, extra: { headers?: Record<string, string>; baseUrl?: string } = {}) =>
      api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: who, body: { emails, role }, ...extra });
    return { boss, org, invite };
  }

  it("refuses to invite an existing member with a 409 that names the address, whatever its case", async () => {
    const { org, invite } = await setup();
    const before = await orgState(org.id);
    for (const email of [callers.member.email, callers.member.email.toUpperCase()]) {
      const res = await invite(email);
      expect(res.status).toBe(409);
      const { error } = await bodyOf(res);
      expect(error.code).toBe("conflict");
      expect(error.message).toBe(`${callers.member.email}: Already a member of this organization.`);
      expect(error.fields.emails).toMatch(/already a member/i);
    }
    expect(await orgState(org.id)).toEqual(before);
  });

  it("reports each address of a mixed batch: member, pending, invited, duplicate", async () => {
    const { org, invite } = await setup();
    const pendingAddress = newAddress("pending");
    expect((await invite(pendingAddress)).status).toBe(201);
    const fresh = newAddress("fresh");
    const res = await invite([callers.admin.email, pendingAddress.toUpperCase(), fresh, fresh.toUpperCase()]);
    expect(res.status).toBe(201);
    expect((await bodyOf(res)).results.map((r: { email: string; outcome: string }) => [r.email, r.outcome])).toEqual([
      [callers.admin.email, "member"],
      [pendingAddress, "pending"],
      [fresh, "invited"],
      [fresh, "duplicate"],
    ]);
    expect(await invitationsTo(org.id, pendingAddress)).toHaveLength(1);
    expect(await invitationsTo(org.id, fresh)).toHaveLength(1);
    expect(await invitationsTo(org.id, callers.admin.email)).toHaveLength(0);
  });

  it("keeps one pending invitation per address whatever its case: Bob@X.com while bob@x.com is pending → 409 pending", async () => {
    const { org, invite } = await setup();
    const local = `bob-${randomBytes(4).toString("hex")}`;
    expect((await invite(`${local}@x.com`)).status).toBe(201);
    const before = await orgState(org.id);
    const res = await invite(`${local.toUpperCase()}@X.COM`);
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toMatch(/already invited/i);
    expect(await orgState(org.id)).toEqual(before);

    // Also against a row stored in mixed case (the unique index is on lower(email)).
    const legacy = await seedInvitation(org.id, `Carol-${local}@X.com`, "viewer", null);
    const again = await invite(`carol-${local}@x.com`);
    expect(again.status).toBe(409);
    expect((await bodyOf(again)).error.message).toMatch(/already invited/i);
    expect(await invitationsTo(org.id, legacy.email)).toHaveLength(1);
  });

  it("renews an expired invitation when the address is invited again: the new link works, the old one is gone", async () => {
    const { boss, org, invite } = await setup();
    const address = newAddress("expired");
    expect((await invite(address)).status).toBe(201);
    const oldToken = await inviteTokenFromOutbox(address);
    const [row] = await invitationsTo(org.id, address);
    await setInvitationExpiry(row.id, new Date(Date.now() - 1000));
    expect((await bodyOf(await api("GET", `/api/v1/invitations/${oldToken}`))).status).toBe("expired");
    // The pending list still shows it, with the expired badge.
    const listed = await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/invitations`, { as: boss }));
    expect(listed.items.find((i: { id: string }) => i.id === row.id)).toMatchObject({ expired: true });

    const res = await invite(address, "admin");
    expect(res.status).toBe(201);
    expect((await bodyOf(res)).results).toEqual([{ email: address, outcome: "renewed", message: expect.stringMatching(/renewed/i) }]);
    const rows = await invitationsTo(org.id, address);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: row.id, role: "admin" });
    expect(rows[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);

    const newToken = await inviteTokenFromOutbox(address);
    expect(newToken).not.toBe(oldToken);
    expect((await api("GET", `/api/v1/invitations/${oldToken}`)).status).toBe(404);
    expect(await bodyOf(await api("GET", `/api/v1/invitations/${newToken}`))).toMatchObject({ status: "pending", role: "admin", email: address });
  });

  it("resend rotates the token and resets the expiry: the old link answers 404, the new one works", async () => {
    const { boss, org, invite } = await setup();
    const address = newAddress("resend");
    expect((await invite(address)).status).toBe(201);
    const oldToken = await inviteTokenFromOutbox(address);
    const [row] = await invitationsTo(org.id, address);
    await setInvitationExpiry(row.id, new Date(Date.now() - DAY));

    const res = await api("POST", `/api/v1/orgs/${org.slug}/invitations/${row.id}/resend`, { as: boss });
    expect(res.status).toBe(204);
    const newToken = await inviteTokenFromOutbox(address);
    expect(newToken).not.toBe(oldToken);
    expect(await mailsTo(address)).toHaveLength(2);
    expect((await api("GET", `/api/v1/invitations/${oldToken}`)).status).toBe(404);
    expect((await api("POST", `/api/v1/invitations/${oldToken}/accept`, { as: boss })).status).toBe(404);
    const shown = await bodyOf(await api("GET", `/api/v1/invitations/${newToken}`));
    expect(shown.status).toBe("pending");
    expect(new Date(shown.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
  });

  it("revoke kills the link: it shows revoked, cannot be answered, resent or changed, and leaves the list", async () => {
    const { boss, org } = await setup();
    const invitee = await quickPerson({ name: "Rita Revoked" });
    const pending = await seedInvitation(org.id, invitee.email, "member", boss.id);
    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/invitations/${pending.id}`, { as: boss })).status).toBe(204);
    const before = await orgState(org.id);

    expect((await bodyOf(await api("GET", `/api/v1/invitations/${pending.token}`))).status).toBe("revoked");
    for (const action of ["accept", "decline"]) {
      const res = await api("POST", `/api/v1/invitations/${pending.token}/${action}`, { as: invitee });
      expect(res.status, action).toBe(409);
      expect((await bodyOf(res)).error.message).toMatch(/revoked/i);
    }
    expect((await api("POST", `/api/v1/orgs/${org.slug}/invitations/${pending.id}/resend`, { as: boss })).status).toBe(404);
    expect((await api("PATCH", `/api/v1/orgs/${org.slug}/invitations/${pending.id}`, { as: boss, body: { role: "admin" } })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/invitations/${pending.id}`, { as: boss })).status).toBe(404);
    expect((await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/invitations`, { as: boss }))).items).toEqual([]);
    expect(await orgState(org.id)).toEqual(before);
    expect(await roleIn(org.id, invitee.id)).toBeNull();

    // The address can be invited afresh.
    const res = await api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: boss, body: { emails: invitee.email, role: "viewer" } });
    expect((await bodyOf(res)).results[0].outcome).toBe("invited");
  });

  it("changes the role of a pending invitation; accepting then gives the new role; the same role is a no-op", async () => {
    const { boss, org } = await setup();
    const invitee = await quickPerson({ name: "Chad Changed" });
    const pending = await seedInvitation(org.id, invitee.email, "viewer", boss.id);
    const path = `/api/v1/orgs/${org.slug}/invitations/${pending.id}`;
    expect((await api("PATCH", path, { as: callers.admin, body: { role: "admin" } })).status).toBe(204);
    const before = await orgState(org.id);
    expect((await api("PATCH", path, { as: callers.admin, body: { role: "admin" } })).status).toBe(204);
    expect(await orgState(org.id)).toEqual(before);
    // An admin may not touch it once it offers more than they may grant.
    expect((await api("PATCH", path, { as: boss, body: { role: "owner" } })).status).toBe(204);
    expect((await api("PATCH", path, { as: callers.admin, body: { role: "viewer" } })).status).toBe(403);
    expect((await api("PATCH", path, { as: boss, body: { role: "member" } })).status).toBe(204);

    expect(await bodyOf(await api("POST", `/api/v1/invitations/${pending.token}/accept`, { as: invitee }))).toEqual({ orgSlug: org.slug, orgName: "Invite Org", project: null, role: "member" });
    expect(await roleIn(org.id, invitee.id)).toBe("member");
  });

  it("builds links in mails from APP_URL, never from the request's Host header", async () => {
    const { boss, org, invite } = await setup();
    const address = newAddress("host");
    const evil = { baseUrl: "http://evil.example", headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } };
    const res = await invite(address, "member", boss, evil);
    expect(res.status).toBe(201);
    const [mail] = await mailsTo(address);
    expect(mail.text).toContain(`${APP_URL}/invite/`);
    expect(mail.text + mail.html).not.toContain("evil.example");

    const [row] = await invitationsTo(org.id, address);
    expect((await api("POST", `/api/v1/orgs/${org.slug}/invitations/${row.id}/resend`, { as: boss, ...evil })).status).toBe(204);
    const [resent] = await mailsTo(address);
    expect(resent.id).not.toBe(mail.id);
    expect(resent.text).toContain(`${APP_URL}/invite/`);
    expect(resent.text + resent.html).not.toContain("evil.example");
    // The link in the mail is the one that works.
    expect((await bodyOf(await api("GET", `/api/v1/invitations/${await inviteTokenFromOutbox(address)}`))).status).toBe("pending");
  });

  it("never reaches another organization's invitation through this one's URL", async () => {
    const { boss, org } = await setup();
    const other = await seedOrg([[callers.outsider, "owner"]]);
    const theirs = await seedInvitation(other.id, newAddress("theirs"), "member", callers.outsider.id);
    const before = await invitationById(theirs.id);
    for (const [method, suffix, body] of [
      ["PATCH", "", { role: "admin" }],
      ["DELETE", "", undefined],
      ["POST", "/resend", undefined],
    ] as const) {
      const res = await api(method, `/api/v1/orgs/${org.slug}/invitations/${theirs.id}${suffix}`, { as: boss, body });
      expect(res.status, `${method} ${suffix}`).toBe(404);
    }
    for (const id of ["not-a-uuid", randomUUID(), "'%20or%201=1--"]) {
      expect((await api("DELETE", `/api/v1/orgs/${org.slug}/invitations/${id}`, { as: boss })).status, id).toBe(404);
    }
    expect(await invitationById(theirs.id)).toEqual(before);
  });

  it("answers a caller who may not invite with 403/404 even when the body is malformed (a 400 would reveal a private org)", async () => {
    const { org } = await setup();
    const before = await orgState(org.id);
    const expected: [Caller, number][] = [
      ["anonymous", 404],
      ["outsider", 404],
      ["invitee", 404],
      ["member", 403],
      ["viewer", 403],
    ];
    for (const [caller, status] of expected) {
      for (const body of [{}, { emails: "not-an-email", role: "member" }, { emails: newAddress(), role: "superuser" }]) {
        const res = await api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: as(caller), body });
        expect(res.status, `${caller} ${JSON.stringify(body)}`).toBe(status);
      }
    }
    expect(await orgState(org.id)).toEqual(before);
  });

  it("refuses cross-site cookie POSTs to accept, decline, invite and resend (403), changing nothing", async () => {
    const { boss, org } = await setup();
    const invitee = await quickPerson({ name: "Csrf Target" });
    const pending = await seedInvitation(org.id, invitee.email, "admin", boss.id);
    const before = await orgState(org.id);
    const crossSite: Record<string, string | null>[] = [
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example", "sec-fetch-site": null },
    ];
    for (const headers of crossSite) {
      for (const [who, path, body] of [
        [invitee, `/api/v1/invitations/${pending.token}/accept`, undefined],
        [invitee, `/api/v1/invitations/${pending.token}/decline`, undefined],
        [boss, `/api/v1/orgs/${org.slug}/invitations`, { emails: newAddress("csrf"), role: "owner" }],
        [boss, `/api/v1/orgs/${org.slug}/invitations/${pending.id}/resend`, undefined],
      ] as const) {
        const res = await api("POST", path, { as: who, body, headers });
        expect(res.status, path).toBe(403);
        expect((await bodyOf(res)).error.code).toBe("cross_site");
      }
    }
    expect(await orgState(org.id)).toEqual(before);
  });

  it("answers 404 for unknown or garbage tokens on every token route", async () => {
    for (const token of ["nope", randomBytes(32).toString("base64url"), "%27%3B%20drop%20table%20invitations%3B--", "x".repeat(500)]) {
      expect((await api("GET", `/api/v1/invitations/${token}`)).status, token).toBe(404);
      expect((await api("POST", `/api/v1/invitations/${token}/accept`, { as: callers.invitee })).status, token).toBe(404);
      expect((await api("POST", `/api/v1/invitations/${token}/decline`, { as: callers.invitee })).status, token).toBe(404);
    }
  });

  it("pages the pending list newest first with a keyset cursor, and refuses a bad cursor or limit", async () => {
    const { boss, org, invite } = await setup();
    const addresses = Array.from({ length: 5 }, (_, i) => newAddress(`page${i}`));
    for (const address of addresses) expect((await invite(address)).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await api("GET", `/api/v1/orgs/${org.slug}/invitations?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { as: boss });
      const page = await bodyOf(res);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: { email: string }) => i.email));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...addresses].reverse());
    for (const query of ["?cursor=abc", "?cursor=WyJ4Il0", "?limit=0", "?limit=101", "?limit=x"]) {
      const res = await api("GET", `/api/v1/orgs/${org.slug}/invitations${query}`, { as: boss });
      expect(res.status, query).toBe(400);
      expect((await bodyOf(res)).error.code).toBe("validation_failed");
    }
  });
});

describe("invitations: crafted cursors", () => {
  it("answers 400, not 500, to a well-formed cursor whose values the database cannot take", async () => {
    const boss = await quickPerson({ name: "Cursor Boss" });
    const org = await freshOrg("private", boss);
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    for (const values of [
      ["yesterday-ish", randomUUID()],
      [new Date().toISOString(), "not-a-uuid"],
    ]) {
      const res = await api("GET", `/api/v1/orgs/${org.slug}/invitations?cursor=${cursor(values)}`, { as: boss }).catch((error: Error) => error);
      const status = res instanceof Response ? res.status : 500;
      expect(status, `${JSON.stringify(values)}: ${res instanceof Error ? res.message.slice(0, 200) : ""}`).toBe(400);
    }
  });
});

describe("invitations: bad input", () => {
  let boss: Person;
  let org: Awaited<ReturnType<typeof freshOrg>>;
  beforeAll(async () => {
    boss = await quickPerson({ name: "Input Boss" });
    org = await freshOrg("private", boss);
  });
  const invite = (body: unknown, who: Person = boss) => api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: who, body });
  const results = async (res: Response) => (await bodyOf(res)).results.map((r: { email: string; outcome: string }) => [r.email, r.outcome]);

  /** The request is refused with 400 on `field`, and nothing at all is written. */
  async function refused(body: unknown, field: string, rawBody?: string) {
    const before = await orgState(org.id);
    const res = rawBody === undefined ? await invite(body) : await api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: boss, rawBody });
    const json = await bodyOf(res);
    expect(res.status, JSON.stringify(body ?? rawBody)).toBe(400);
    if (field) expect(Object.keys(json.error.fields ?? {}), JSON.stringify(json)).toContain(field);
    expect(await orgState(org.id)).toEqual(before);
    return json.error;
  }

  it("refuses malformed addresses, naming them, and invites none of the good ones in the same request", async () => {
    const good = newAddress("good");
    const error = await refused({ emails: `${good}, not-an-email, a@, @b.com, x@localhost`, role: "member" }, "emails");
    expect(error.fields.emails).toContain("not-an-email");
    expect(error.fields.emails).toContain("@b.com");
    expect(await invitationsTo(org.id, good)).toHaveLength(0);
    for (const emails of ["", "   ", " , ; \n", [], [""], ["  "]]) await refused({ emails, role: "member" }, "emails");
  });

  it("accepts 50 addresses at once and refuses 51 (400, nothing written)", async () => {
    const many = Array.from({ length: 51 }, (_, i) => `many${i}-${randomBytes(3).toString("hex")}@example.com`);
    const error = await refused({ emails: many, role: "viewer" }, "emails");
    expect(error.fields.emails).toMatch(/50/);
    await refused({ emails: many.join("\n"), role: "viewer" }, "emails");

    const bulkBoss = await quickPerson({ name: "Bulk Boss" });
    const bulkOrg = await seedOrg([[bulkBoss, "owner"]]);
    const res = await api("POST", `/api/v1/orgs/${bulkOrg.slug}/invitations`, { as: bulkBoss, body: { emails: many.slice(0, 50).join(", "), role: "viewer" } });
    expect(res.status).toBe(201);
    expect((await bodyOf(res)).results.every((r: { outcome: string }) => r.outcome === "invited")).toBe(true);
    expect((await orgState(bulkOrg.id)).invites).toHaveLength(50);
  });

  it("refuses HTML in addresses with 400 and does not echo the markup back", async () => {
    for (const emails of ["<script>alert(1)</script>@example.com", '"<img src=x onerror=alert(1)>"@example.com', "<b>bold</b>@example.com"]) {
      const error = await refused({ emails, role: "member" }, "emails");
      expect(error.message, emails).not.toMatch(/<[a-z/]/i);
      expect(error.fields.emails, emails).not.toMatch(/<[a-z/]/i);
    }
  });

  it("refuses unicode addresses with 400 (no 500), accepts their punycode form, and stores quotes verbatim", async () => {
    for (const emails of ["jürgen@example.com", "用户@例子.广告", "ÄDA@example.com", "ada@exämple.com"]) {
      const error = await refused({ emails, role: "member" }, "emails");
      expect(error.fields.emails).toContain(emails);
    }
    const puny = `ada-${randomBytes(3).toString("hex")}@xn--exmple-cua.com`;
    const quote = `o'brien-${randomBytes(3).toString("hex")}@example.com`;
    const res = await invite({ emails: [puny, quote.toUpperCase()], role: "member" });
    expect(res.status).toBe(201);
    expect(await results(res)).toEqual([
      [puny, "invited"],
      [quote, "invited"],
    ]);
    expect((await invitationsTo(org.id, quote))[0].email).toBe(quote);
  });

  it("splits on commas, semicolons, spaces, tabs and new lines, in a string or inside array items", async () => {
    const a = Array.from({ length: 8 }, (_, i) => newAddress(`sep${i}`));
    const res = await invite({ emails: `${a[0]},${a[1]}; ${a[2]}\n${a[3]}\r\n${a[4]}\t${a[5]}   ${a[6]};,\n ${a[7]},`, role: "member" });
    expect(res.status).toBe(201);
    expect(await results(res)).toEqual(a.map((e) => [e, "invited"]));

    const b = Array.from({ length: 3 }, (_, i) => newAddress(`arr${i}`));
    const arr = await invite({ emails: [`${b[0]}, ${b[1]}`, ` ${b[2]} `], role: "viewer" });
    expect(arr.status).toBe(201);
    expect(await results(arr)).toEqual(b.map((e) => [e, "invited"]));
    for (const e of [...a, ...b]) expect(await invitationsTo(org.id, e), e).toHaveLength(1);
  });

  it("reports duplicates within one request and invites once", async () => {
    const dup = newAddress("dup");
    const res = await invite({ emails: [dup, dup.toUpperCase(), ` ${dup} `], role: "member" });
    expect(res.status).toBe(201);
    expect(await results(res)).toEqual([
      [dup, "invited"],
      [dup, "duplicate"],
      [dup, "duplicate"],
    ]);
    expect(await invitationsTo(org.id, dup)).toHaveLength(1);
    expect(await mailsTo(dup)).toHaveLength(1);
  });

  it("refuses emails of the wrong type, and a missing or unknown role, with 400 and nothing written", async () => {
    const ok = newAddress("typed");
    for (const emails of [42, null, true, { a: ok }, [42], [[ok]], [null]]) await refused({ emails, role: "member" }, "emails");
    await refused({ role: "member" }, "emails");
    for (const role of [undefined, "", "superuser", "OWNER", "Owner", 1, ["member"], null]) await refused({ emails: ok, role }, "role");
    await refused(undefined, "", "{emails:");
    await refused(undefined, "", "[]");
    expect(await invitationsTo(org.id, ok)).toHaveLength(0);
  });

  it("refuses a bad role on PATCH with 400", async () => {
    const pending = await seedInvitation(org.id, newAddress("patch"), "member", boss.id);
    for (const body of [{}, { role: "god" }, { role: null }]) {
      const res = await api("PATCH", `/api/v1/orgs/${org.slug}/invitations/${pending.id}`, { as: boss, body });
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).error.fields).toHaveProperty("role");
    }
    expect((await invitationById(pending.id))?.role).toBe("member");
  });
});

describe("invitations: mail rows", () => {
  it("escapes the inviter's and the org's names in the HTML part, and keeps them verbatim in the text", async () => {
    const boss = await quickPerson({ name: `<img src=x onerror=alert(1)> "Boss" & co` });
    const org = await seedOrg([[boss, "owner"]], { name: "<script>alert('org')</script>" });
    const address = newAddress("escaped");
    expect((await api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: boss, body: { emails: address, role: "viewer" } })).status).toBe(201);
    const [mail] = await mailsTo(address);
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<script");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;Boss&quot; &amp; co");
    expect(mail.html).toContain("&lt;script&gt;alert(&#39;org&#39;)&lt;/script&gt;");
    expect(mail.text).toContain(`<img src=x onerror=alert(1)> "Boss" & co invited you to join <script>alert('org')</script> on Atrium as a viewer.`);
  });

  it("writes the invitation, its mail and its audit event together and links the invitation to its mail", async () => {
    const boss = await quickPerson({ name: "Mail Boss" });
    const org = await freshOrg("private", boss);
    const address = newAddress("linked");
    expect((await api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: boss, body: { emails: address, role: "admin" } })).status).toBe(201);
    const [row] = await invitationsTo(org.id, address);
    const db = await getDb();
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.mailId!));
    expect(mail).toMatchObject({ to: address, subject: "Mail Boss invited you to Invite Org on Atrium" });
    expect(mail.text).toContain("as an admin");
    // Only the token's hash is stored.
    const token = await inviteTokenFromOutbox(address);
    const [stored] = await db.select({ hash: invitations.tokenHash }).from(invitations).where(eq(invitations.id, row.id));
    expect(stored.hash).not.toContain(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
