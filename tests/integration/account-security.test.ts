/**
 * Issue 9 on a real database: account pre-takeover (item 1), tokens that outlive credentials and
 * their scopes (7), sudo mode (10), renewing an expired invitation with a lower role (17) and the
 * absolute session lifetime (18). Each test names the item whose old behaviour it fails on.
 */
import { randomBytes } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, personalAccessTokens, sessions, users } from "@/db/schema";
import { signIn, signUp } from "@/lib/accounts/credentials";
import { markEmailVerified, requestPasswordReset, resetPassword, verifyEmail } from "@/lib/accounts/email-links";
import { changePassword, setPassword } from "@/lib/accounts/profile";
import { confirmPassword, ReauthRequiredError, SUDO_MINUTES } from "@/lib/accounts/sudo";
import { setTokenPolicy } from "@/lib/accounts/token-policy";
import { createAccessToken } from "@/lib/accounts/tokens";
import { loadActor, SESSION_COOKIE, SESSION_MAX_DAYS } from "@/lib/auth/context";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { createInvitations } from "@/lib/invitations/service";
import { createOrg, deleteOrg } from "@/lib/orgs/service";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { invitationById, seedInvitation } from "../support/invitations";
import { orgRow, seedOrg } from "../support/orgs";
import { actorOf, addMember, anonymous, orgActorOf, PASSWORD, quickPerson, uniqueSlug, userIdOf, type Person } from "../support/people";

useFreshDatabase();

const noIp = { ip: null, userAgent: "vitest" };
const newEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;
const asPerson = (id: string, email: string, token: string): Person => {
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { id, email, cookie, headers: new Headers({ cookie }) };
};
const viewerOfBearer = async (token: string) => (await loadActor(new Headers({ authorization: `Bearer ${token}` }))).actor.viewer;
const viewerOfCookie = async (token: string) => (await loadActor(new Headers({ cookie: `${SESSION_COOKIE}=${token}` }))).actor.viewer;

async function newestLink(to: string, path: string) {
  const db = await getDb();
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return mail.text.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`))![1];
}

/** A token written straight into the database, as today's code let an unverified account make one. */
async function plantToken(userId: string) {
  const token = newToken("atr_");
  const db = await getDb();
  await db.insert(personalAccessTokens).values({ userId, name: "planted", tokenHash: hashToken(token), prefix: token.slice(0, 10) });
  return token;
}

/** Makes every session of the person look as if it proved who they are this many minutes ago. */
async function ageAuthentication(userId: string, minutes: number) {
  const db = await getDb();
  await db.update(sessions).set({ authenticatedAt: new Date(Date.now() - minutes * 60_000) }).where(eq(sessions.userId, userId));
}

describe("item 1: account pre-takeover", () => {
  it("an attacker who signed up first with the victim's address loses every way in once the victim verifies it", async () => {
    const victimEmail = newEmail("victim");
    await signUp({ name: "Attacker", email: victimEmail, password: "attacker password" }, noIp);
    const attackerSession = await signIn({ email: victimEmail, password: "attacker password" }, noIp);
    const attacker = asPerson(await userIdOf(victimEmail), victimEmail, attackerSession.session.token);

    // Unverified, the account reaches nobody: no token, no organization, no invitations.
    await expect(createAccessToken(await actorOf(attacker), { name: "keep" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createOrg(await actorOf(attacker), { name: "Trap", slug: uniqueSlug("trap") })).rejects.toBeInstanceOf(ForbiddenError);
    const org = await seedOrg([[attacker, "owner"]]);
    await expect(createInvitations(await orgActorOf(attacker, org.slug), { emails: [newEmail("x")], role: "member" })).rejects.toBeInstanceOf(ForbiddenError);
    // A token made before this rule existed does not work while the address is unverified.
    const planted = await plantToken(attacker.id);
    await expect(viewerOfBearer(planted)).rejects.toBeInstanceOf(UnauthenticatedError);

    // The victim opens the verification link in their own browser without knowing the password.
    const verified = await verifyEmail(anonymous(), { token: await newestLink(victimEmail, "verify-email") });
    expect(verified.passwordRemoved).toBe(true);
    expect(await viewerOfCookie(attackerSession.session.token)).toBeNull();
    await expect(viewerOfBearer(planted)).rejects.toBeInstanceOf(UnauthenticatedError);
    const db = await getDb();
    expect(await db.$count(personalAccessTokens, eq(personalAccessTokens.userId, attacker.id))).toBe(0);
    await expect(signIn({ email: victimEmail, password: "attacker password" }, noIp)).rejects.toBeInstanceOf(ValidationError);
    // The victim is signed in and verified, and sets a password of their own.
    expect((await viewerOfCookie(verified.session!.token))?.emailVerified).toBe(true);
    await setPassword((await loadActor(new Headers({ cookie: `${SESSION_COOKIE}=${verified.session!.token}` }))).actor, { newPassword: "the victim's own" });
    await expect(signIn({ email: victimEmail, password: "the victim's own" }, noIp)).resolves.toBeDefined();
  });

  it("keeps the password when the verifier shows they set it, and refuses a wrong one without using the link", async () => {
    const email = newEmail("owner");
    await signUp({ name: "Owner", email, password: PASSWORD }, noIp);
    const token = await newestLink(email, "verify-email");
    const wrong = await verifyEmail(anonymous(), { token, password: "not the password" }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong.fields).toEqual({ password: expect.any(String) });
    const verified = await verifyEmail(anonymous(), { token, password: PASSWORD });
    expect(verified.passwordRemoved).toBe(false);
    await expect(signIn({ email, password: PASSWORD }, noIp)).resolves.toBeDefined();
  });

  it("any first verification (here the SSO link confirmation's path) ends other sessions and tokens; later ones end nothing", async () => {
    const email = newEmail("sso");
    await signUp({ name: "Early", email, password: PASSWORD }, noIp);
    const early = await signIn({ email, password: PASSWORD }, noIp);
    const userId = await userIdOf(email);
    const planted = await plantToken(userId);
    const db = await getDb();
    const first = await db.transaction((tx) => markEmailVerified(tx, userId, email, noIp));
    expect(first).toMatchObject({ justVerified: true, passwordRemoved: true });
    expect(await viewerOfCookie(early.session.token)).toBeNull();
    await expect(viewerOfBearer(planted)).rejects.toBeInstanceOf(UnauthenticatedError);
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
    expect(user.passwordHash).toBeNull();

    const later = await quickPerson();
    const token = (await createAccessToken(await actorOf(later), { name: "kept" })).token;
    await db.transaction((tx) => markEmailVerified(tx, later.id, later.email, noIp));
    expect((await viewerOfBearer(token))?.id).toBe(later.id);
    expect((await actorOf(later)).viewer?.id).toBe(later.id);
  });

  it("a reset (the recovery path) ends every session and every token, also of a verified account", async () => {
    const person = await quickPerson();
    const db = await getDb();
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, person.id));
    const { token } = await createAccessToken(await actorOf(person), { name: "ci", expiresInDays: 0 });
    await requestPasswordReset({ email: person.email }, noIp);
    const reset = await resetPassword({ token: await newestLink(person.email, "reset-password"), password: "recovered password" }, noIp);
    await expect(viewerOfBearer(token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await actorOf(person)).viewer).toBeNull();
    expect((await viewerOfCookie(reset.session.token))?.id).toBe(person.id);
  });
});

describe("item 7: tokens die with credentials and carry scopes", () => {
  it("a password change revokes every access token", async () => {
    const email = newEmail("pw");
    await signUp({ name: "Pw", email, password: PASSWORD }, noIp);
    const verified = await verifyEmail(anonymous(), { token: await newestLink(email, "verify-email"), password: PASSWORD });
    const me = asPerson(verified.id, email, verified.session!.token);
    const { token } = await createAccessToken(await actorOf(me), { name: "ci" });
    await changePassword(await actorOf(me), { currentPassword: PASSWORD, newPassword: "a changed password" });
    await expect(viewerOfBearer(token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await actorOf(me)).viewer?.id).toBe(me.id);
  });

  it("stores read-only, areas and one organization, and the token acts as a non-member anywhere else", async () => {
    const person = await quickPerson();
    const home = await seedOrg([[person, "admin"]]);
    const other = await seedOrg([[person, "admin"]]);
    const created = await createAccessToken(await actorOf(person), { name: "scoped", access: "read", areas: "projects, runs", org: home.slug.toUpperCase() });
    expect(created).toMatchObject({ readOnly: true, areas: ["projects", "runs"], orgId: home.id });
    const bearer = new Headers({ authorization: `Bearer ${created.token}` });
    expect((await loadActor(bearer, home.slug)).org?.role).toBe("admin");
    expect((await loadActor(bearer, other.slug)).org?.role).toBeNull();
    expect((await loadActor(bearer)).actor.viewer?.credential).toMatchObject({ restriction: { readOnly: true, areas: ["projects", "runs"] }, onlyOrgId: home.id });
    expect((await api("GET", `/api/v1/orgs/${other.slug}/members`, { bearer: created.token })).status).toBe(404);

    // Unknown areas, and organizations the person is not in, are refused with field errors.
    const stranger = await seedOrg([]);
    const badArea = await createAccessToken(await actorOf(person), { name: "x", areas: ["everything"] as never }).catch((e) => e);
    expect(badArea.fields).toHaveProperty(["areas.0"]);
    const badOrg = await createAccessToken(await actorOf(person), { name: "x", org: stranger.slug }).catch((e) => e);
    expect(badOrg.fields).toEqual({ org: expect.any(String) });
  });

  it("lib/authz applies the scopes through HTTP: read-only tokens cannot write, area tokens reach only their areas", async () => {
    const owner = await quickPerson();
    const org = await seedOrg([[owner, "owner"]]);
    const readOnly = (await createAccessToken(await actorOf(owner), { name: "ro", access: "read" })).token;
    const auditOnly = (await createAccessToken(await actorOf(owner), { name: "audit", areas: ["audit"] })).token;
    const full = (await createAccessToken(await actorOf(owner), { name: "full" })).token;
    const rename = (bearer: string) => api("PATCH", `/api/v1/orgs/${org.slug}`, { bearer, body: { description: "changed" } });
    const members = (bearer: string) => api("GET", `/api/v1/orgs/${org.slug}/members`, { bearer });
    const audit = (bearer: string) => api("GET", `/api/v1/orgs/${org.slug}/audit`, { bearer });
    const table: [string, () => Promise<Response>, number][] = [
      ["read-only reads members", () => members(readOnly), 200],
      ["read-only edits the org", () => rename(readOnly), 403],
      ["audit-only reads the audit log", () => audit(auditOnly), 200],
      ["audit-only reads members", () => members(auditOnly), 403],
      ["audit-only edits the org", () => rename(auditOnly), 403],
      ["full edits the org", () => rename(full), 200],
    ];
    for (const [name, call, status] of table) expect((await call()).status, name).toBe(status);
    expect((await bodyOf(await rename(readOnly))).error.message).toMatch(/read-only/);
  });

  it("owners cap how long tokens act in their organization", async () => {
    const owner = await quickPerson();
    const admin = await quickPerson();
    const org = await seedOrg([[owner, "owner"], [admin, "admin"]]);
    await expect(setTokenPolicy(await orgActorOf(admin, org.slug), { maxTokenDays: 30 })).rejects.toBeInstanceOf(ForbiddenError);
    const { token, id } = await createAccessToken(await actorOf(admin), { name: "old", expiresInDays: 365 });
    await setTokenPolicy(await orgActorOf(owner, org.slug), { maxTokenDays: 30 });

    // Restricted to the organization: no longer than the cap, and never "never".
    for (const expiresInDays of [90, 0]) {
      const refused = await createAccessToken(await actorOf(admin), { name: "long", org: org.slug, expiresInDays }).catch((e) => e);
      expect(refused.fields).toEqual({ expiresInDays: expect.stringContaining("at most 30 days") });
    }
    await expect(createAccessToken(await actorOf(admin), { name: "short", org: org.slug, expiresInDays: 30 })).resolves.toBeDefined();

    // An unrestricted token works there until it is older than the cap, then only there it stops.
    const bearer = new Headers({ authorization: `Bearer ${token}` });
    expect((await loadActor(bearer, org.slug)).org?.role).toBe("admin");
    const db = await getDb();
    await db.update(personalAccessTokens).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(personalAccessTokens.id, id));
    await expect(loadActor(bearer, org.slug)).rejects.toThrow(/at most 30 days/);
    expect((await loadActor(bearer)).actor.viewer?.id).toBe(admin.id);
    await setTokenPolicy(await orgActorOf(owner, org.slug), { maxTokenDays: null });
    expect((await loadActor(bearer, org.slug)).org?.role).toBe("admin");
  });

  it("sets the cap through HTTP: owners 200, admins and members 403, strangers 404, bad input 400", async () => {
    const [owner, admin, member, stranger] = [await quickPerson(), await quickPerson(), await quickPerson(), await quickPerson()];
    const org = await seedOrg([[owner, "owner"], [admin, "admin"], [member, "member"]]);
    const put = (who: Person, body: unknown) => api("PUT", `/api/v1/orgs/${org.slug}/token-policy`, { as: who, body });
    const table: [Person, unknown, number][] = [
      [owner, { maxTokenDays: 90 }, 200],
      [admin, { maxTokenDays: 1 }, 403],
      [member, { maxTokenDays: 1 }, 403],
      [stranger, { maxTokenDays: 1 }, 404],
      [owner, { maxTokenDays: -1 }, 400],
      [owner, { maxTokenDays: "many" }, 400],
    ];
    for (const [who, body, status] of table) expect((await put(who, body)).status, JSON.stringify(body)).toBe(status);
    expect(await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/token-policy`, { as: member }))).toEqual({ maxTokenDays: 90 });
  });
});

describe("item 10: sudo mode", () => {
  it("creating a token, setting a password, changing auth settings and deleting an org need a recent proof", async () => {
    const owner = await quickPerson();
    const org = await seedOrg([[owner, "owner"]]);
    const db = await getDb();
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, owner.id));
    await ageAuthentication(owner.id, SUDO_MINUTES + 1);
    const stale = await orgActorOf(owner, org.slug);
    const settings = { providers: [], domains: [], openJoin: false, defaultRole: "member" as const, requireSso: false, oidc: null };
    await expect(createAccessToken(stale, { name: "ci" })).rejects.toBeInstanceOf(ReauthRequiredError);
    await expect(setPassword(stale, { newPassword: "a first password" })).rejects.toBeInstanceOf(ReauthRequiredError);
    await expect(updateAuthSettings(stale, settings)).rejects.toBeInstanceOf(ReauthRequiredError);
    await expect(deleteOrg(stale, { confirm: org.slug })).rejects.toBeInstanceOf(ReauthRequiredError);
    const res = await api("DELETE", `/api/v1/orgs/${org.slug}`, { as: owner, body: { confirm: org.slug } });
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.code).toBe("reauth_required");
    expect(await orgRow(org.id)).not.toBeNull();

    // Without a password, signing in again (here a fresh session, as an SSO sign-in opens) counts.
    const fresh = await quickPerson();
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, fresh.id));
    await addMember(org.id, fresh.id, "owner");
    await expect(createAccessToken(await actorOf(fresh), { name: "ci" })).resolves.toBeDefined();
    await expect(updateAuthSettings(await orgActorOf(fresh, org.slug), settings)).resolves.toBeDefined();
  });

  it("re-entering the password opens sudo mode for this session only; a wrong one does not", async () => {
    const email = newEmail("sudo");
    await signUp({ name: "Sudo", email, password: PASSWORD }, noIp);
    const verified = await verifyEmail(anonymous(), { token: await newestLink(email, "verify-email"), password: PASSWORD });
    const me = asPerson(verified.id, email, verified.session!.token);
    const other = asPerson(verified.id, email, (await signIn({ email, password: PASSWORD }, noIp)).session.token);
    await ageAuthentication(me.id, SUDO_MINUTES + 1);
    const wrong = await confirmPassword(await actorOf(me), { password: "nope nope nope" }).catch((e) => e);
    expect(wrong.fields).toEqual({ password: expect.any(String) });
    await expect(createAccessToken(await actorOf(me), { name: "ci" })).rejects.toBeInstanceOf(ReauthRequiredError);
    await confirmPassword(await actorOf(me), { password: PASSWORD });
    await expect(createAccessToken(await actorOf(me), { name: "ci" })).resolves.toBeDefined();
    await expect(createAccessToken(await actorOf(other), { name: "ci" })).rejects.toBeInstanceOf(ReauthRequiredError);
  });
});

describe("item 17: renewing an expired invitation", () => {
  it("an admin cannot renew an expired owner invitation with a lower role; an owner can", async () => {
    const owner = await quickPerson();
    const admin = await quickPerson();
    const org = await seedOrg([[owner, "owner"], [admin, "admin"]]);
    const email = newEmail("boss");
    const expired = await seedInvitation(org.id, email, "owner", owner.id, { expiresAt: new Date(Date.now() - 1000) });

    const refused = await createInvitations(await orgActorOf(admin, org.slug), { emails: [email], role: "member" }).catch((e) => e);
    expect(refused.message).toMatch(/only someone who may send that role can renew it/);
    expect(await invitationById(expired.id)).toMatchObject({ role: "owner", tokenHash: hashToken(expired.token) });

    const renewed = await createInvitations(await orgActorOf(owner, org.slug), { emails: [email], role: "member" });
    expect(renewed.results).toEqual([expect.objectContaining({ email, outcome: "renewed" })]);
    expect((await invitationById(expired.id))?.role).toBe("member");
  });
});

describe("item 18: absolute session lifetime", () => {
  it(`ends a session ${SESSION_MAX_DAYS} days after sign-in however busy it was, and never slides it past that`, async () => {
    const person = await quickPerson();
    const db = await getDb();
    // Used a moment ago and not idle-expired, but opened 29 days ago: sliding stops at day 30.
    await db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '29 days'`, lastUsedAt: sql`now() - interval '1 hour'`, expiresAt: sql`now() + interval '10 days'` })
      .where(eq(sessions.userId, person.id));
    expect((await actorOf(person)).viewer?.id).toBe(person.id);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, person.id));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(SESSION_MAX_DAYS * 86_400_000 + 1000);

    await db.update(sessions).set({ createdAt: sql`now() - interval '31 days'`, expiresAt: sql`now() + interval '10 days'` }).where(eq(sessions.userId, person.id));
    expect((await actorOf(person)).viewer).toBeNull();
  });
});
