/**
 * Open join (DESIGN §5): people whose verified address is at an organization's domain join without
 * an invitation, on sign-in paths and through POST /api/v1/orgs/{slug}/membership. Also the two
 * account rules that keep an SSO-made account safe: first passwords and password resets.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, identities, mailOutbox, memberships, projects, users } from "@/db/schema";
import { signIn, signUp } from "@/lib/accounts/credentials";
import { requestPasswordReset, resetPassword, verifyEmail } from "@/lib/accounts/email-links";
import { setPassword } from "@/lib/accounts/profile";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { removeMember } from "@/lib/members/service";
import { inviteToProject } from "@/lib/invitations/project";
import { joinableOrg } from "@/lib/members/open-join";
import { useFreshDatabase } from "../support/database";
import { proveDomains } from "../support/domains";
import { api, bodyOf } from "../support/http";
import { seedInvitation } from "../support/invitations";
import { statusesByCaller } from "../support/matrix";
import { roleIn, seedOrg } from "../support/orgs";
import { actorOf, anonymous, orgActorOf, quickPerson, userIdOf, type Person } from "../support/people";
import { actorOfSession, ssoSignIn, useIdp, useOrgIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();

const noIp = { ip: null, userAgent: "vitest" };
const uniqueDomain = () => `join-${randomBytes(4).toString("hex")}.test`;

/** An organization with open join for a domain of its own (no identity provider unless asked). */
async function openOrg(options: { visibility?: "private" | "public"; defaultRole?: "member" | "viewer"; openJoin?: boolean; requireSso?: boolean } = {}) {
  const owner = await quickPerson({ name: "Owner" });
  const org = await seedOrg([[owner, "owner"]], { visibility: options.visibility });
  const domain = uniqueDomain();
  const settings = { providers: [], domains: [domain], openJoin: options.openJoin ?? true, defaultRole: options.defaultRole ?? "member", requireSso: false };
  if (options.requireSso) await useOrgIdp(idp.current, org, owner, { ...settings, requireSso: true });
  else {
    await updateAuthSettings(await orgActorOf(owner, org.slug), { ...settings, oidc: null });
    await proveDomains(owner, org);
  }
  return { org, owner, domain };
}

const join = (slug: string, who: Person | null) => api("POST", `/api/v1/orgs/${slug}/membership`, { as: who });

async function joinEvents(orgId: string, userId: string) {
  const db = await getDb();
  return db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "member.joined"), eq(auditEvents.targetId, userId)));
}

async function newestLink(to: string, path: string) {
  const db = await getDb();
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return mail.text.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`))![1];
}

describe("POST /orgs/{slug}/membership: who may join", () => {
  type Caller = "owner" | "admin" | "member" | "viewer" | "at the domain" | "unverified at the domain" | "elsewhere" | "anonymous";
  const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "at the domain", "unverified at the domain", "elsewhere", "anonymous"];
  const MATRIX: ["private" | "public", string][] = [
    // org        owner admin member viewer domain unverified elsewhere anonymous
    ["private", "409   409   409    409    201    403        404       404"],
    ["public",  "409   409   409    409    201    403        403       401"],
  ];
  const cases = MATRIX.flatMap(([visibility, statuses]) => statusesByCaller(statuses, CALLERS).map((c) => ({ visibility, ...c })));

  it.each(cases)("a $visibility org, as $caller → $status", async ({ visibility, caller, status }) => {
    const { org, owner, domain } = await openOrg({ visibility, defaultRole: "viewer" });
    const db = await getDb();
    const people: Partial<Record<Caller, Person>> = { owner };
    for (const role of ["admin", "member", "viewer"] as const) {
      people[role] = await quickPerson();
      await db.insert(memberships).values({ orgId: org.id, userId: people[role]!.id, role, joinedVia: "seed" });
    }
    people["at the domain"] = await quickPerson({ email: `ann-${randomBytes(3).toString("hex")}@${domain}` });
    people["unverified at the domain"] = await quickPerson({ email: `uma-${randomBytes(3).toString("hex")}@${domain}`, verified: false });
    people.elsewhere = await quickPerson();

    const who = caller === "anonymous" ? null : people[caller]!;
    const res = await join(org.slug, who);
    const json = await bodyOf(res);
    expect(res.status, JSON.stringify(json)).toBe(status);
    const before = caller === "owner" ? "owner" : ["admin", "member", "viewer"].includes(caller) ? caller : null;
    if (who) expect(await roleIn(org.id, who.id)).toBe(status === 201 ? "viewer" : before);
    if (status === 201) {
      expect(json).toEqual({ orgSlug: org.slug, role: "viewer" });
      expect(await joinEvents(org.id, who!.id)).toEqual([expect.objectContaining({ actorId: who!.id, actorRole: "viewer", after: { role: "viewer", via: "open_join" } })]);
    }
    if (caller === "unverified at the domain") expect(json.error.message).toMatch(/Verify your email address first/);
  });
});

describe("open join on sign-in paths", () => {
  it("refuses a password user with an unverified address; verifying it offers joining, never joins silently", async () => {
    const { org, domain } = await openOrg();
    const email = `pat@${domain}`;
    await signUp({ name: "Pat", email, password: "correct horse battery staple" }, noIp);
    const userId = await userIdOf(email);
    const { session } = await signIn({ email, password: "correct horse battery staple" }, noIp);
    const pat = { cookie: `atrium_session=${session.token}`, headers: new Headers({ cookie: `atrium_session=${session.token}` }) } as Person;
    expect((await join(org.slug, pat)).status).toBe(403);
    expect(await roleIn(org.id, userId)).toBeNull();

    await verifyEmail(await actorOf(pat), { token: await newestLink(email, "verify-email") });
    expect(await roleIn(org.id, userId)).toBeNull();
    expect(await joinableOrg(await actorOf(pat))).toMatchObject({ org: { id: org.id }, refusal: null });
    expect((await join(org.slug, pat)).status).toBe(201);
    expect(await roleIn(org.id, userId)).toBe("member");
    expect(await joinEvents(org.id, userId)).toHaveLength(1);
    expect((await join(org.slug, pat)).status).toBe(409);
  });

  it("offers joining after a sign-up through an invitation link, which proves the address (another organization's invitation)", async () => {
    const { org, domain } = await openOrg();
    const inviting = await seedOrg([]);
    const email = `quinn@${domain}`;
    const invitation = await seedInvitation(inviting.id, email, "member", null);
    const signedUp = await signUp({ name: "Quinn", email, password: "correct horse battery staple", invitation: invitation.token }, noIp);
    const userId = await userIdOf(email);
    if (signedUp.kind !== "signed-in") throw new Error("expected a signed-in sign-up");
    expect(await roleIn(org.id, userId)).toBeNull();
    const quinn = { cookie: `atrium_session=${signedUp.session.token}`, headers: new Headers({ cookie: `atrium_session=${signedUp.session.token}` }) } as Person;
    expect(await joinableOrg(await actorOf(quinn))).toMatchObject({ org: { id: org.id }, refusal: null });
    // The invitation itself waits for Quinn to accept it.
    expect(await roleIn(inviting.id, userId)).toBeNull();
  });

  it("leaves an invitation to the same organization to be accepted, not pre-empted", async () => {
    const { org, owner, domain } = await openOrg({ defaultRole: "viewer" });
    const rae = await quickPerson({ email: `rae@${domain}` });
    await seedInvitation(org.id, rae.email, "admin", owner.id);
    const res = await join(org.slug, rae);
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.message).toMatch(/pending invitation/);
    expect(await joinableOrg(await actorOf(rae))).toBeNull();
  });

  it("is not held up by an invitation to one of the organization's projects (an outside collaborator's)", async () => {
    const { org, owner, domain } = await openOrg({ defaultRole: "viewer" });
    const db = await getDb();
    await db.insert(projects).values({ orgId: org.id, name: "Side", slug: "side", visibility: "private" });
    const pat = await quickPerson({ email: `pat@${domain}` });
    await inviteToProject(await orgActorOf(owner, org.slug), "side", { email: pat.email, role: "read" });
    expect((await join(org.slug, pat)).status).toBe(201);
    expect(await roleIn(org.id, pat.id)).toBe("viewer");
  });

  it("does nothing while open join is off, and tells people at the domain nothing", async () => {
    const { org, domain } = await openOrg({ openJoin: false });
    const sid = await quickPerson({ email: `sid@${domain}` });
    const res = await join(org.slug, sid);
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.message).toMatch(/does not take members without an invitation/);
    expect(await joinableOrg(await actorOf(sid))).toBeNull();
  });

  it("lets someone who left join again, but not someone who was removed", async () => {
    const { org, owner, domain } = await openOrg();
    const [tia, ulf] = await Promise.all([quickPerson({ email: `tia@${domain}` }), quickPerson({ email: `ulf@${domain}` })]);
    expect((await join(org.slug, tia)).status).toBe(201);
    expect((await api("DELETE", `/api/v1/orgs/${org.slug}/membership`, { as: tia })).status).toBe(204);
    expect((await join(org.slug, tia)).status).toBe(201);

    expect((await join(org.slug, ulf)).status).toBe(201);
    await removeMember(await orgActorOf(owner, org.slug), ulf.id);
    const res = await join(org.slug, ulf);
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.message).toMatch(/You were removed/);
  });

  it("makes one membership and one audit event of parallel joins (a double click)", async () => {
    const { org, domain } = await openOrg();
    const vic = await quickPerson({ email: `vic@${domain}` });
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => join(org.slug, vic)))).map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await joinEvents(org.id, vic.id)).toHaveLength(1);
  });

  it("offers the organization on the person's list once they may join", async () => {
    const { org, domain } = await openOrg({ defaultRole: "viewer" });
    const wes = await quickPerson({ email: `wes@${domain}` });
    expect(await joinableOrg(await actorOf(wes))).toEqual({ org: { id: org.id, slug: org.slug, name: "Seeded Org" }, role: "viewer", refusal: null });
    const unverified = await quickPerson({ email: `xia@${domain}`, verified: false });
    expect(await joinableOrg(await actorOf(unverified))).toBeNull();
  });

  describe("when the organization requires SSO", () => {
    it("refuses password joins, says how to join, and does not join on verification", async () => {
      const { org, domain } = await openOrg({ requireSso: true });
      const yan = await quickPerson({ email: `yan@${domain}` });
      const res = await join(org.slug, yan);
      expect(res.status).toBe(403);
      expect((await bodyOf(res)).error.message).toMatch(/requires single sign-on/);
      expect(await joinableOrg(await actorOf(yan))).toMatchObject({ org: { slug: org.slug }, refusal: "sso" });

      const email = `zed@${domain}`;
      await signUp({ name: "Zed", email, password: "correct horse battery staple" }, noIp);
      const userId = await userIdOf(email);
      await verifyEmail(anonymous(), { token: await newestLink(email, "verify-email"), password: "correct horse battery staple" });
      expect(await roleIn(org.id, userId)).toBeNull();
    });
  });

  describe("on an invitation-only server (ATRIUM_INVITE_ONLY=true)", () => {
    beforeEach(() => {
      process.env.ATRIUM_INVITE_ONLY = "true";
      return () => {
        delete process.env.ATRIUM_INVITE_ONLY;
      };
    });

    it("ignores open join saved before the flag was set", async () => {
      delete process.env.ATRIUM_INVITE_ONLY;
      const { org, domain } = await openOrg();
      process.env.ATRIUM_INVITE_ONLY = "true";
      const amy = await quickPerson({ email: `amy@${domain}` });
      expect((await join(org.slug, amy)).status).toBe(403);
      const email = `ben@${domain}`;
      await signUp({ name: "Ben", email, password: "correct horse battery staple" }, noIp);
      const userId = await userIdOf(email);
      await verifyEmail(anonymous(), { token: await newestLink(email, "verify-email"), password: "correct horse battery staple" });
      expect(await roleIn(org.id, userId)).toBeNull();
    });
  });
});

describe("passwords of accounts made by single sign-on", () => {
  it("set a first password only with a verified address, and never over an existing one", async () => {
    const db = await getDb();
    const unverified = await quickPerson({ verified: false });
    await expect(setPassword(await actorOf(unverified), { newPassword: "a long enough password" })).rejects.toBeInstanceOf(ForbiddenError);
    const verified = await quickPerson();
    await setPassword(await actorOf(verified), { newPassword: "a long enough password" });
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, verified.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(setPassword(await actorOf(verified), { newPassword: "another long password" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("unlink organization providers when a reset takes over an account that had no password", async () => {
    const { org, owner, domain } = await openOrg();
    const { providerKey } = await useOrgIdp(idp.current, org, owner, { domains: [domain], openJoin: true });
    // The provider made this account; whoever runs it is not shown to own the mailbox.
    const email = `cy@${domain}`;
    const outcome = await ssoSignIn(null, { provider: providerKey }, email);
    expect(outcome.kind).toBe("signed-in");
    const db = await getDb();
    const [cy] = await db.select().from(users).where(eq(users.email, email));
    expect(await db.$count(identities, eq(identities.userId, cy.id))).toBe(1);

    await requestPasswordReset({ email }, noIp);
    const reset = await resetPassword({ token: await newestLink(email, "reset-password"), password: "the mailbox owner's password" }, noIp);
    expect(await db.$count(identities, eq(identities.userId, cy.id))).toBe(0);
    // The session the provider opened is gone too; the reset's own session works.
    expect((await actorOfSession((outcome as { session: { token: string } }).session.token)).actor.viewer).toBeNull();
    expect((await actorOfSession(reset.session.token)).actor.viewer?.id).toBe(cy.id);
  });
});
