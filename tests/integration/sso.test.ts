/**
 * Signing in through identity providers, end to end through the services: the app starts the
 * attempt, a real OpenID Connect provider on loopback signs the person in, the app finishes it.
 */
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { identities, memberships, sessions, users } from "@/db/schema";
import { createAccessToken } from "@/lib/accounts/tokens";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { hashToken } from "@/lib/auth/tokens";
import { unsealJson } from "@/lib/auth/sealed";
import { ConflictError, ValidationError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/invitations/service";
import { removeMember } from "@/lib/members/service";
import { SsoFailedError, type SsoFailure } from "@/lib/sso/errors";
import { prepareSsoStart, SSO_STATE_COOKIE } from "@/lib/sso/flow";
import { confirmLinkByEmail, linkPendingIdentity, sendLinkConfirmation } from "@/lib/sso/identities";
import { findOrgSso, orgSsoBySlug } from "@/lib/sso/registry";
import type { PendingLink, SsoOutcome } from "@/lib/sso/sign-in";
import { joinableOrg } from "@/lib/members/open-join";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { lastAudit, mailsTo, seedInvitation } from "../support/invitations";
import { signInAtIdp } from "../support/oidc-idp";
import { roleIn, seedOrg } from "../support/orgs";
import { actorOf, meta, orgActorOf, quickPerson, type Person } from "../support/people";
import { actorOfSession, CookieJar, finishAttempt, ssoSignIn, startAttempt, useIdp, useOrgIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();

// GitLab, an instance provider, is the test provider too (its issuer is configurable for self-hosted GitLab).
const GITLAB = { AUTH_GITLAB_ID: "gitlab-client", AUTH_GITLAB_SECRET: "gitlab-secret" };
beforeAll(() => {
  Object.assign(process.env, GITLAB, { AUTH_GITLAB_ISSUER: idp.current.issuer });
  idp.current.addClient({ clientId: GITLAB.AUTH_GITLAB_ID, clientSecret: GITLAB.AUTH_GITLAB_SECRET, redirectUri: "http://localhost:3000/api/auth/callback/gitlab" });
});
afterAll(() => {
  for (const key of ["AUTH_GITLAB_ID", "AUTH_GITLAB_SECRET", "AUTH_GITLAB_ISSUER"]) delete process.env[key];
});

const uniqueDomain = () => `sso-${randomBytes(4).toString("hex")}.test`;
const anonymous = () => actorOf(null);

/** An organization with an owner and the test IdP as its provider, on a domain of its own. */
async function orgWithIdp(
  options: { openJoin?: boolean; defaultRole?: "member" | "viewer"; requireSso?: boolean; visibility?: "private" | "public"; providers?: "gitlab"[]; groupsClaim?: string } = {},
) {
  const owner = await quickPerson({ name: "Olga Owner" });
  const org = await seedOrg([[owner, "owner"]], { visibility: options.visibility });
  const domain = uniqueDomain();
  const { visibility: _, ...settings } = options;
  const { providerKey } = await useOrgIdp(idp.current, org, owner, { domains: [domain], ...settings });
  return { org, owner, domain, providerKey };
}

function signedIn(outcome: SsoOutcome) {
  expect(outcome.kind).toBe("signed-in");
  return outcome as Extract<SsoOutcome, { kind: "signed-in" }>;
}

async function expectFailure(run: Promise<unknown>, reason: SsoFailure) {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected the sign-in to stop with "${reason}"`).toBeInstanceOf(SsoFailedError);
  expect((error as SsoFailedError).reason).toBe(reason);
}

async function userByEmail(email: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

async function sessionOf(token: string) {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  return row ?? null;
}

async function identitiesOf(userId: string) {
  const db = await getDb();
  return db.select().from(identities).where(eq(identities.userId, userId));
}

describe("sign-in through the organization's own identity provider", () => {
  it("makes the account, joins with the default role under open join, and records how they signed in", async () => {
    const { org, domain, providerKey } = await orgWithIdp({ openJoin: true, defaultRole: "viewer" });
    const email = `alice@${domain}`;
    const outcome = signedIn(await ssoSignIn(null, { provider: providerKey }, email));
    expect(outcome.redirectTo).toBe(`/${org.slug}`);

    const user = (await userByEmail(email))!;
    // The organization's provider vouches for the address in that organization only.
    expect(user).toMatchObject({ name: "alice", emailVerifiedAt: null, passwordHash: null });
    expect(await identitiesOf(user.id)).toEqual([expect.objectContaining({ provider: providerKey, subject: `sub-${email}`, orgId: org.id, email, emailVerified: true })]);
    expect(await sessionOf(outcome.session.token)).toMatchObject({ userId: user.id, method: providerKey, emailVouchedBy: org.id });

    const db = await getDb();
    const [membership] = await db.select().from(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, user.id)));
    expect(membership).toMatchObject({ role: "viewer", joinedVia: "sso" });
    expect(await lastAudit(org.id)).toMatchObject({ action: "member.joined", actorId: user.id, targetLabel: email, after: { role: "viewer", via: "sso" } });

    // The next request is signed in, with that role.
    const { cookie } = await actorOfSession(outcome.session.token);
    const res = await api("GET", `/api/v1/orgs/${org.slug}`, { headers: { cookie } });
    expect(await bodyOf(res)).toMatchObject({ slug: org.slug, role: "viewer" });
  });

  it("signs the person in without making them a member when open join is off", async () => {
    const { org, domain, providerKey } = await orgWithIdp({ openJoin: false });
    const outcome = signedIn(await ssoSignIn(null, { provider: providerKey }, `bea@${domain}`));
    expect(outcome.redirectTo).toBe("/");
    expect(await roleIn(org.id, (await userByEmail(`bea@${domain}`))!.id)).toBeNull();
  });

  it("refuses an address outside the organization's domains or not vouched for, and writes nothing", async () => {
    const { domain, providerKey } = await orgWithIdp({ openJoin: true });
    idp.current.setAccount("mallory", { sub: "sub-mallory", email: "mallory@elsewhere.test" });
    await expectFailure(ssoSignIn(null, { provider: providerKey }, "mallory"), "email_domain");
    expect(await userByEmail("mallory@elsewhere.test")).toBeNull();

    // A subdomain is another domain: no suffix matching.
    idp.current.setAccount("sub", { sub: "sub-sub", email: `sam@eng.${domain}` });
    await expectFailure(ssoSignIn(null, { provider: providerKey }, "sub"), "email_domain");

    idp.current.setAccount(`eve@${domain}`, { email_verified: false });
    await expectFailure(ssoSignIn(null, { provider: providerKey }, `eve@${domain}`), "email_unverified");
    expect(await userByEmail(`eve@${domain}`)).toBeNull();

    idp.current.setAccount("nobody", { sub: "sub-nobody", email: undefined });
    await expectFailure(ssoSignIn(null, { provider: providerKey }, "nobody"), "email_missing");
  });

  it("gives a second organization's provider no way into the first organization", async () => {
    const first = await orgWithIdp({ openJoin: true });
    const second = await orgWithIdp({ openJoin: true });
    // The second organization cannot claim the first one's domain…
    const claim = updateAuthSettings(await orgActorOf(second.owner, second.org.slug), {
      providers: [],
      domains: [second.domain, first.domain],
      openJoin: true,
      defaultRole: "member",
      requireSso: false,
      oidc: null,
    });
    await expect(claim).rejects.toBeInstanceOf(ConflictError);
    // …and an address there, asserted by its provider, is refused outright.
    const victim = `victim@${first.domain}`;
    await expectFailure(ssoSignIn(null, { provider: second.providerKey }, victim), "email_domain");
    expect(await userByEmail(victim)).toBeNull();
    const db = await getDb();
    expect(await db.$count(memberships, eq(memberships.orgId, first.org.id))).toBe(1);
  });

  it("signs a known identity in by its subject, also after the provider changed the address", async () => {
    const { domain, providerKey } = await orgWithIdp({ groupsClaim: "groups" });
    const login = `frank@${domain}`;
    signedIn(await ssoSignIn(null, { provider: providerKey }, login));
    const frank = (await userByEmail(login))!;
    idp.current.setAccount(login, { email: `franklin@${domain}`, groups: ["ml", "data"] });
    const again = signedIn(await ssoSignIn(null, { provider: providerKey }, login));
    expect((await sessionOf(again.session.token))!.userId).toBe(frank.id);
    const [identity] = await identitiesOf(frank.id);
    expect(identity).toMatchObject({ email: `franklin@${domain}`, groups: ["ml", "data"] });
    // It no longer vouches for the account's address, which it stopped asserting.
    expect((await sessionOf(again.session.token))!.emailVouchedBy).toBeNull();
  });

  it("does not sign in a disabled account", async () => {
    const { domain, providerKey } = await orgWithIdp();
    signedIn(await ssoSignIn(null, { provider: providerKey }, `gone@${domain}`));
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, `gone@${domain}`));
    await expectFailure(ssoSignIn(null, { provider: providerKey }, `gone@${domain}`), "account_disabled");
  });

  it("does not bring back a removed member; a new invitation does", async () => {
    const { org, owner, domain, providerKey } = await orgWithIdp({ openJoin: true });
    const email = `grace@${domain}`;
    signedIn(await ssoSignIn(null, { provider: providerKey }, email));
    const grace = (await userByEmail(email))!;
    expect(await roleIn(org.id, grace.id)).toBe("member");
    await removeMember(await orgActorOf(owner, org.slug), grace.id);

    const back = signedIn(await ssoSignIn(null, { provider: providerKey }, email));
    expect(await roleIn(org.id, grace.id)).toBeNull();
    expect(back.redirectTo).toBe("/");

    const invitation = await seedInvitation(org.id, email, "viewer", owner.id);
    await acceptInvitation((await actorOfSession(back.session.token)).actor, invitation.token);
    expect(await roleIn(org.id, grace.id)).toBe("viewer");
  });

  it("carries an invitation through: no open join ahead of it, and the provider's word accepts it", async () => {
    const { org, owner, domain, providerKey } = await orgWithIdp({ openJoin: true, defaultRole: "viewer" });
    const email = `henry@${domain}`;
    const invitation = await seedInvitation(org.id, email, "admin", owner.id);
    const next = `/invite/${invitation.token}`;
    const outcome = signedIn(await ssoSignIn(null, { provider: providerKey, next }, email));
    expect(outcome.redirectTo).toBe(next);
    const henry = (await userByEmail(email))!;
    expect(await roleIn(org.id, henry.id)).toBeNull();
    // Not verified for everyone, but vouched for by this organization's provider: enough for its invitation.
    expect(henry.emailVerifiedAt).toBeNull();
    const { actor } = await actorOfSession(outcome.session.token);
    expect(await acceptInvitation(actor, invitation.token)).toEqual({ orgSlug: org.slug, orgName: org.name, role: "admin", project: null });
    expect(await roleIn(org.id, henry.id)).toBe("admin");
  });

  it("keeps the provider's word to its organization: another organization's invitation needs a verified address", async () => {
    const { domain, providerKey } = await orgWithIdp();
    const other = await seedOrg([]);
    const email = `ines@${domain}`;
    const invitation = await seedInvitation(other.id, email, "member", null);
    const outcome = signedIn(await ssoSignIn(null, { provider: providerKey }, email));
    const { actor } = await actorOfSession(outcome.session.token);
    await expect(acceptInvitation(actor, invitation.token)).rejects.toThrow(/Verify your email address first/);
  });
});

describe("an address an existing account already uses", () => {
  it("is never attached by itself: the person signs in to the account and links it", async () => {
    const { org, domain, providerKey } = await orgWithIdp({ openJoin: true });
    const bob = await quickPerson({ name: "Bob", email: `bob@${domain}` });
    const outcome = await ssoSignIn(null, { provider: providerKey }, `bob@${domain}`);
    expect(outcome.kind).toBe("link");
    expect(outcome.redirectTo).toBe("/sso/link");
    expect(await identitiesOf(bob.id)).toEqual([]);
    expect(await roleIn(org.id, bob.id)).toBeNull();
    const pending = (outcome as Extract<SsoOutcome, { kind: "link" }>).pending;
    expect(unsealJson<PendingLink>("sso pending link", pending)).toMatchObject({ p: providerKey, email: `bob@${domain}`, u: bob.id, ev: true });

    // Signed in (with the password), Bob links it; the SSO session replaces the password one.
    const linked = await linkPendingIdentity(await actorOf(bob), pending);
    expect(await identitiesOf(bob.id)).toEqual([expect.objectContaining({ provider: providerKey, subject: `sub-bob@${domain}` })]);
    expect(await sessionOf(linked.session.token)).toMatchObject({ userId: bob.id, method: providerKey, emailVouchedBy: org.id });
    expect((await actorOf(bob)).viewer).toBeNull();
    expect(await roleIn(org.id, bob.id)).toBe("member");
    // From now on the provider signs Bob in directly.
    const again = signedIn(await ssoSignIn(null, { provider: providerKey }, `bob@${domain}`));
    expect((await sessionOf(again.session.token))!.userId).toBe(bob.id);
  });

  it("is linked through a confirmation mail to the address, single use", async () => {
    const { domain, providerKey } = await orgWithIdp();
    const carol = await quickPerson({ name: "Carol", email: `carol@${domain}`, verified: false });
    const outcome = await ssoSignIn(null, { provider: providerKey }, `carol@${domain}`);
    const pending = (outcome as Extract<SsoOutcome, { kind: "link" }>).pending;
    expect(await sendLinkConfirmation(pending)).toEqual({ email: `carol@${domain}` });
    const [mail] = await mailsTo(`carol@${domain}`);
    expect(mail.subject).toBe("Link Seeded Org SSO to your Atrium account");
    const token = mail.text.match(/http:\/\/localhost:3000\/sso\/link\/([A-Za-z0-9_-]+)/)![1];
    // Nothing is linked until the link is used.
    expect(await identitiesOf(carol.id)).toEqual([]);

    const confirmed = await confirmLinkByEmail(token, pending, meta);
    expect(confirmed.session).not.toBeNull();
    expect(await sessionOf(confirmed.session!.token)).toMatchObject({ userId: carol.id, method: providerKey });
    expect(await identitiesOf(carol.id)).toHaveLength(1);
    // The mailbox is proven: the address is verified now.
    expect((await userByEmail(`carol@${domain}`))!.emailVerifiedAt).not.toBeNull();
    await expect(confirmLinkByEmail(token, pending, meta)).rejects.toThrow(/invalid, used or expired/);
  });

  it("is linked but not signed in when the mail is opened in another browser", async () => {
    const { domain, providerKey } = await orgWithIdp();
    const dan = await quickPerson({ email: `dan@${domain}` });
    const outcome = await ssoSignIn(null, { provider: providerKey }, `dan@${domain}`);
    await sendLinkConfirmation((outcome as Extract<SsoOutcome, { kind: "link" }>).pending);
    const token = (await mailsTo(`dan@${domain}`))[0].text.match(/\/sso\/link\/([A-Za-z0-9_-]+)/)![1];
    expect(await confirmLinkByEmail(token, null, meta)).toEqual({ session: null, redirectTo: "/signin?linked=1" });
    expect(await identitiesOf(dan.id)).toHaveLength(1);
  });
});

describe("linking while signed in", () => {
  it("links the identity to the signed-in account whatever its address, and replaces the session", async () => {
    const { org, domain, providerKey } = await orgWithIdp();
    const dave = await quickPerson({ name: "Dave" });
    await (await getDb()).insert(memberships).values({ orgId: org.id, userId: dave.id, role: "member", joinedVia: "seed" });
    const outcome = signedIn(await ssoSignIn(dave, { provider: providerKey, next: "/account" }, `dave.work@${domain}`));
    expect(outcome.redirectTo).toBe("/account");
    expect(await identitiesOf(dave.id)).toEqual([expect.objectContaining({ email: `dave.work@${domain}` })]);
    expect(await sessionOf(outcome.session.token)).toMatchObject({ userId: dave.id, method: providerKey, emailVouchedBy: null });
    expect((await actorOf(dave)).viewer).toBeNull();
    expect(await lastAudit(org.id)).toMatchObject({ action: "user.identity_linked", actorId: dave.id, after: { provider: providerKey } });
  });

  it("refuses an identity another account holds", async () => {
    const { domain, providerKey } = await orgWithIdp();
    signedIn(await ssoSignIn(null, { provider: providerKey }, `held@${domain}`));
    const erin = await quickPerson();
    await expectFailure(ssoSignIn(erin, { provider: providerKey }, `held@${domain}`), "identity_taken");
    expect(await identitiesOf(erin.id)).toEqual([]);
  });
});

describe("attempts that must not complete", () => {
  it("stops at a cancelled sign-in, a missing, foreign or forged attempt, and a replayed code", async () => {
    const { domain, providerKey } = await orgWithIdp();
    const login = `ivy@${domain}`;

    const cancelled = await startAttempt(null, { provider: providerKey });
    await expectFailure(finishAttempt(cancelled.jar, await signInAtIdp(cancelled.url, login, { cancel: true })), "cancelled");

    const started = await startAttempt(null, { provider: providerKey });
    const callback = await signInAtIdp(started.url, login);
    // No cookies at all, Auth.js's state cookie forged, or its checks bound to another provider.
    await expectFailure(finishAttempt(new CookieJar(), callback), "expired");
    await expectFailure(finishAttempt(started.jar.with("authjs.state", `${started.jar.get("authjs.state")!.slice(0, -2)}xx`), callback), "expired");
    const foreign = new URL(callback);
    foreign.pathname = "/api/auth/callback/gitlab";
    await expectFailure(finishAttempt(started.jar, foreign), "expired");
    // Another attempt's cookies: their state does not match this callback.
    const other = await startAttempt(null, { provider: providerKey });
    await expectFailure(finishAttempt(other.jar, callback), "provider");

    signedIn(await finishAttempt(started.jar, callback));
    // The code works once.
    await expectFailure(finishAttempt(started.jar, callback), "provider");
    expect(await userByEmail(login)).not.toBeNull();
  });

  it("stops when Auth.js's checks pass but Atrium's attempt is missing or forged, and writes nothing", async () => {
    const { domain, providerKey } = await orgWithIdp();
    const login = `jon@${domain}`;
    for (const attempt of [null, "forged", "sealed-for-another-provider"]) {
      const started = await startAttempt(null, { provider: providerKey });
      const value = attempt === "forged" ? `${started.jar.get(SSO_STATE_COOKIE)!.slice(0, -2)}xx` : attempt ? (await prepareSsoStart(await anonymous(), { provider: "gitlab" })).cookie : null;
      await expectFailure(finishAttempt(started.jar.with(SSO_STATE_COOKIE, value), await signInAtIdp(started.url, login)), "expired");
    }
    expect(await userByEmail(login)).toBeNull();
  });

  it("refuses a provider that is not set up", async () => {
    await expect(prepareSsoStart(await anonymous(), { provider: "org-00000000-0000-0000-0000-000000000000" })).rejects.toThrow(/not set up/);
    await expect(prepareSsoStart(await anonymous(), { provider: "myspace" })).rejects.toThrow(/not set up/);
  });
});

describe("require SSO", () => {
  let org: { id: string; slug: string };
  let owner: Person;
  let domain: string;
  let providerKey: string;
  const people: Record<"admin" | "member" | "viewer" | "outsider", Person> = {} as never;

  beforeAll(async () => {
    ({ org, owner, domain, providerKey } = await orgWithIdp({ requireSso: true, providers: ["gitlab"] }));
    const db = await getDb();
    for (const role of ["admin", "member", "viewer"] as const) {
      people[role] = await quickPerson({ name: role });
      await db.insert(memberships).values({ orgId: org.id, userId: people[role].id, role, joinedVia: "seed" });
    }
    people.outsider = await quickPerson({ name: "outsider" });
  });

  const status = async (who: Person | { cookie: string } | null, bearer?: string) => {
    const res = await api("GET", `/api/v1/orgs/${org.slug}`, { as: who as Person, bearer });
    return { status: res.status, code: (await bodyOf(res))?.error?.code };
  };

  it("refuses members signed in with a password, lets the owner through, and leaves outsiders as they were", async () => {
    expect(await status(owner)).toEqual({ status: 200, code: undefined });
    for (const role of ["admin", "member", "viewer"] as const) expect(await status(people[role]), role).toEqual({ status: 403, code: "sso_required" });
    expect(await status(people.outsider)).toEqual({ status: 404, code: "not_found" });
  });

  it("lets a member in once they signed in through the organization's provider", async () => {
    const member = await quickPerson({ name: "Mia" });
    await (await getDb()).insert(memberships).values({ orgId: org.id, userId: member.id, role: "member", joinedVia: "seed" });
    const outcome = signedIn(await ssoSignIn(member, { provider: providerKey }, `mia@${domain}`));
    const { cookie } = await actorOfSession(outcome.session.token);
    expect(await status({ cookie })).toEqual({ status: 200, code: undefined });

    // A token carries the sign-in of the session that made it.
    const ssoToken = await createAccessToken((await actorOfSession(outcome.session.token)).actor, { name: "ci" });
    expect(await status(null, ssoToken.token)).toEqual({ status: 200, code: undefined });
    const passwordToken = await createAccessToken(await actorOf(people.member), { name: "ci" });
    expect(await status(null, passwordToken.token)).toEqual({ status: 403, code: "sso_required" });
  });

  it("counts an accepted instance provider as SSO", async () => {
    const member = await quickPerson({ name: "Gil", email: `gil-${randomBytes(3).toString("hex")}@example.com` });
    await (await getDb()).insert(memberships).values({ orgId: org.id, userId: member.id, role: "member", joinedVia: "seed" });
    const outcome = signedIn(await ssoSignIn(member, { provider: "gitlab" }, member.email));
    expect(await status((await actorOfSession(outcome.session.token)))).toEqual({ status: 200, code: undefined });
  });

  it("keeps the owner who turns it on (and off) in, and applies on the next request", async () => {
    const fresh = await orgWithIdp();
    const member = await quickPerson();
    await (await getDb()).insert(memberships).values({ orgId: fresh.org.id, userId: member.id, role: "member", joinedVia: "seed" });
    const body = (requireSso: boolean) => ({ providers: [], domains: [fresh.domain], openJoin: false, defaultRole: "member", requireSso, oidc: { issuer: idp.current.issuer, clientId: "unused", clientSecret: "unused" } });
    const put = (requireSso: boolean) => api("PUT", `/api/v1/orgs/${fresh.org.slug}/auth-settings`, { as: fresh.owner, body: body(requireSso) });
    expect((await put(true)).status).toBe(200);
    expect((await api("GET", `/api/v1/orgs/${fresh.org.slug}/auth-settings`, { as: fresh.owner })).status).toBe(200);
    expect((await api("GET", `/api/v1/orgs/${fresh.org.slug}/members`, { as: member })).status).toBe(403);
    expect((await put(false)).status).toBe(200);
    expect((await api("GET", `/api/v1/orgs/${fresh.org.slug}/members`, { as: member })).status).toBe(200);
  });

  it("says sso_required rather than forbidden on a public organization too", async () => {
    const pub = await orgWithIdp({ requireSso: true, visibility: "public" });
    const member = await quickPerson();
    await (await getDb()).insert(memberships).values({ orgId: pub.org.id, userId: member.id, role: "member", joinedVia: "seed" });
    const res = await api("GET", `/api/v1/orgs/${pub.org.slug}/members`, { as: member });
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.code).toBe("sso_required");
  });
});

describe("instance providers (GitLab, pointed at the test provider)", () => {
  it("makes an account with a verified address and offers (never silently applies) open join of the organization holding its domain", async () => {
    const { org, domain } = await orgWithIdp({ openJoin: true, providers: ["gitlab"] });
    const email = `kim@${domain}`;
    const outcome = signedIn(await ssoSignIn(null, { provider: "gitlab" }, email));
    const kim = (await userByEmail(email))!;
    expect(kim.emailVerifiedAt).not.toBeNull();
    expect(await sessionOf(outcome.session.token)).toMatchObject({ method: "gitlab", emailVouchedBy: null });
    expect(await roleIn(org.id, kim.id)).toBeNull();
    expect(outcome.redirectTo).toBe("/");
    expect(await joinableOrg((await actorOfSession(outcome.session.token)).actor)).toMatchObject({ org: { id: org.id }, refusal: null });
  });

  it("keeps an unverified address unverified, and never links or mails on its word", async () => {
    const login = `lou-${randomBytes(3).toString("hex")}@example.com`;
    idp.current.setAccount(login, { email_verified: false });
    signedIn(await ssoSignIn(null, { provider: "gitlab" }, login));
    expect((await userByEmail(login))!.emailVerifiedAt).toBeNull();

    const owner = await quickPerson({ email: `max-${randomBytes(3).toString("hex")}@example.com` });
    idp.current.setAccount(owner.email, { sub: `sub-max-${randomBytes(3).toString("hex")}`, email_verified: false });
    const outcome = await ssoSignIn(null, { provider: "gitlab" }, owner.email);
    const pending = (outcome as Extract<SsoOutcome, { kind: "link" }>).pending;
    await expectFailure(sendLinkConfirmation(pending), "email_unverified");
    await expectFailure(linkPendingIdentity(await actorOf(owner), pending), "email_unverified");
    await expectFailure(ssoSignIn(owner, { provider: "gitlab" }, owner.email), "email_unverified");
    expect(await identitiesOf(owner.id)).toEqual([]);
  });

  it("is offered for an organization only when it accepts it", async () => {
    const accepting = await orgWithIdp({ providers: ["gitlab"] });
    const refusing = await orgWithIdp();
    expect((await orgSsoBySlug(accepting.org.slug))!.methods.map((m) => m.key)).toEqual([accepting.providerKey, "gitlab"]);
    expect((await orgSsoBySlug(refusing.org.slug))!.methods.map((m) => m.key)).toEqual([refusing.providerKey]);
    await expect(prepareSsoStart(await anonymous(), { provider: "gitlab", org: refusing.org.slug })).rejects.toBeInstanceOf(ValidationError);
    expect((await startAttempt(null, { provider: "gitlab", org: accepting.org.slug })).url).toContain(idp.current.issuer);
  });
});

describe("finding an organization's SSO", () => {
  it("by work email, slug or URL; an organization without SSO looks like none", async () => {
    const { org, domain, providerKey } = await orgWithIdp();
    const byEmail = await findOrgSso({ query: ` Nia@${domain.toUpperCase()} ` });
    expect(byEmail).toMatchObject({ org: { slug: org.slug }, methods: [{ key: providerKey, name: "Seeded Org SSO" }], loginHint: `nia@${domain}` });
    expect((await findOrgSso({ query: org.slug })).org.slug).toBe(org.slug);
    expect((await findOrgSso({ query: `http://localhost:3000/${org.slug}/members` })).org.slug).toBe(org.slug);

    const plain = await seedOrg([]);
    for (const query of [plain.slug, "no-such-org", "someone@nowhere.test", "", "<script>"]) {
      await expect(findOrgSso({ query }), query).rejects.toBeInstanceOf(ValidationError);
    }
  });
});
