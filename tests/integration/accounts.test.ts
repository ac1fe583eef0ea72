/** Accounts on a real database: sign-up, email links, sign-in, passwords, sessions and access tokens. */
import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailTokens, mailOutbox, personalAccessTokens, sessions, users } from "@/db/schema";
import { signIn, signUp } from "@/lib/accounts/credentials";
import { requestPasswordReset, resetPassword, verifyEmail } from "@/lib/accounts/email-links";
import { changePassword } from "@/lib/accounts/profile";
import { listSessions, revokeOtherSessions, revokeSession } from "@/lib/accounts/sessions";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "@/lib/accounts/tokens";
import { loadActor, type Actor } from "@/lib/auth/context";
import { verifyDeviceCookie } from "@/lib/accounts/sign-in-throttle";
import { resetLimit } from "@/lib/rate-limit";
import { NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { useFreshDatabase } from "../support/database";
import { cookieOf } from "../support/http";

useFreshDatabase();

const APP_URL = "http://localhost:3000";
const PASSWORD = "correct horse battery staple";
// Rate limits count per IP: most calls come from no address at all so they do not add up across tests.
const noIp = { ip: null, userAgent: "vitest" };

const newEmail = (label = "user") => `${label}-${randomBytes(4).toString("hex")}@example.com`;

/** Who a session cookie (or Bearer token) resolves to on the next request; null when it does not. */
async function viewerOf(credential: { cookie?: string; bearer?: string }) {
  const headers = new Headers();
  if (credential.cookie) headers.set("cookie", cookieOf(credential.cookie));
  if (credential.bearer) headers.set("authorization", `Bearer ${credential.bearer}`);
  return (await loadActor(headers)).actor.viewer;
}
async function actorFor(sessionToken: string): Promise<Actor> {
  return (await loadActor(new Headers({ cookie: cookieOf(sessionToken) }))).actor;
}

/** Every mail sent to `to`, newest first. */
async function mailsTo(to: string) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt));
}
/** The token of the newest `/<path>/<token>` link mailed to `to`; the link must start with APP_URL. */
async function linkToken(to: string, path: "verify-email" | "reset-password") {
  const [mail] = await mailsTo(to);
  expect(mail, `no mail to ${to}`).toBeDefined();
  const match = mail.text.match(new RegExp(`(\\S+)/${path}/([A-Za-z0-9_-]+)`));
  expect(match, mail.text).not.toBeNull();
  expect(match![1]).toBe(APP_URL);
  return match![2];
}

const anonymous: Actor = { viewer: null, meta: noIp };

/** Signed up and signed in by password, the address not verified yet. */
async function unverifiedAccount(label = "user", password = PASSWORD) {
  const email = newEmail(label);
  expect(await signUp({ name: label, email, password }, noIp)).toEqual({ kind: "check-email", email });
  const { userId, session } = await signIn({ email, password }, noIp);
  return { email, userId, cookie: session.token };
}

/** Signed up, verified through the mailed link (with the password, in a signed-out browser), and signed in by it. */
async function newAccount(label = "user", password = PASSWORD) {
  const email = newEmail(label);
  await signUp({ name: label, email, password }, noIp);
  const verified = await verifyEmail(anonymous, { token: await linkToken(email, "verify-email"), password });
  return { email, userId: verified.id, cookie: verified.session!.token };
}

describe("signUp", () => {
  it("stores the email lower-cased, answers 'check your email' and mails a verification link", async () => {
    const email = newEmail("mixed");
    expect(await signUp({ name: "  Mixed Case  ", email: `  ${email.toUpperCase()} `, password: PASSWORD }, noIp)).toEqual({ kind: "check-email", email });
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const userId = user.id;
    expect(user).toMatchObject({ email: email, name: "Mixed Case", emailVerifiedAt: null });
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await db.$count(sessions, eq(sessions.userId, userId))).toBe(0);

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toMatch(new RegExp(`${APP_URL}/verify-email/[A-Za-z0-9_-]{43}`));
    // Only the token's hash is stored.
    const token = await linkToken(email, "verify-email");
    const stored = await db.select({ hash: emailTokens.tokenHash }).from(emailTokens).where(eq(emailTokens.userId, userId));
    expect(stored).toHaveLength(1);
    expect(stored[0].hash).not.toBe(token);
  });

  // Issue 9 item 6: this answered "An account with this email already exists" before.
  it("answers a taken address, whatever its case, exactly like a new one, and mails its owner instead", async () => {
    const { email } = await newAccount("dup");
    const fresh = newEmail("fresh");
    const taken = await signUp({ name: "Again", email: email.toUpperCase(), password: "another password 1" }, noIp);
    const free = await signUp({ name: "Again", email: fresh, password: "another password 1" }, noIp);
    expect(taken).toEqual({ kind: "check-email", email });
    expect(free).toEqual({ kind: "check-email", email: fresh });
    const db = await getDb();
    expect(await db.$count(users, eq(users.email, email))).toBe(1);
    const [notice] = await mailsTo(email);
    expect(notice.subject).toMatch(/tried to sign up/);
    expect(notice.text).toContain(`${APP_URL}/forgot-password`);
    // Nothing about the old account changed: its password still signs in, the attempt's does not.
    await expect(signIn({ email, password: PASSWORD }, noIp)).resolves.toBeDefined();
    await expect(signIn({ email, password: "another password 1" }, noIp)).rejects.toBeInstanceOf(ValidationError);
  });

  it("limits sign-up mails to one address the same way whether or not it has an account", async () => {
    const { email } = await newAccount("cap");
    const fresh = newEmail("cap-fresh");
    const outcomes = async (address: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) seen.push(await signUp({ name: "N", email: address, password: PASSWORD }, noIp).then((r) => r.kind, (e) => e.constructor.name));
      return seen;
    };
    // The taken address already got its verification mail, so one attempt fewer fits in its window.
    expect(await outcomes(email)).toEqual(["check-email", "check-email", "check-email", "check-email", "RateLimitedError", "RateLimitedError"]);
    expect(await outcomes(fresh)).toEqual(["check-email", "check-email", "check-email", "check-email", "check-email", "RateLimitedError"]);
  });

  it("refuses bad input without writing", async () => {
    const email = newEmail("bad");
    for (const input of [
      { name: "A", email, password: "short" },
      { name: "A", email: "not-an-email", password: PASSWORD },
      { name: "", email, password: PASSWORD },
      { name: "A", email, password: "p".repeat(201) },
    ]) {
      await expect(signUp(input, noIp)).rejects.toThrow();
    }
    const db = await getDb();
    expect(await db.$count(users, eq(users.email, email))).toBe(0);
  });
});

describe("verifyEmail", () => {
  it("verifies once; the second use and a wrong token are NotFound", async () => {
    const { email, userId, cookie } = await unverifiedAccount("verify");
    expect((await viewerOf({ cookie }))?.emailVerified).toBe(false);
    const token = await linkToken(email, "verify-email");

    await expect(verifyEmail(anonymous, { token: "wrong-token" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyEmail(anonymous, { token: token.slice(0, -1) })).rejects.toBeInstanceOf(NotFoundError);
    // Signed in with the password: that session stays, the password too.
    expect(await verifyEmail(await actorFor(cookie), { token })).toMatchObject({ id: userId, email, session: null, passwordRemoved: false });
    expect((await viewerOf({ cookie }))?.emailVerified).toBe(true);
    await expect(verifyEmail(anonymous, { token })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses an expired link", async () => {
    const { email, userId, cookie } = await unverifiedAccount("late");
    const token = await linkToken(email, "verify-email");
    const db = await getDb();
    await db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailTokens.userId, userId));
    await expect(verifyEmail(await actorFor(cookie), { token })).rejects.toBeInstanceOf(NotFoundError);
    expect((await viewerOf({ cookie }))?.emailVerified).toBe(false);
  });

  it("does not accept a password-reset token as a verification token", async () => {
    const { email } = await unverifiedAccount("cross");
    await requestPasswordReset({ email }, noIp);
    const resetToken = await linkToken(email, "reset-password");
    await expect(verifyEmail(anonymous, { token: resetToken, password: PASSWORD })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("signIn", () => {
  it("opens a session whose cookie resolves through loadActor, with any email case", async () => {
    const { email, userId } = await newAccount("signin");
    const { userId: signedIn, session } = await signIn({ email: ` ${email.toUpperCase()} `, password: PASSWORD }, noIp);
    expect(signedIn).toBe(userId);
    const viewer = await viewerOf({ cookie: session.token });
    expect(viewer).toMatchObject({ id: userId, email, credential: { kind: "session" } });
  });

  it("gives the identical error for a wrong password and an unknown email", async () => {
    const { email } = await newAccount("same");
    const wrong = await signIn({ email, password: "not the password" }, noIp).catch((e) => e);
    const unknown = await signIn({ email: newEmail("nobody"), password: PASSWORD }, noIp).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect({ message: unknown.message, code: unknown.code, fields: unknown.fields, status: unknown.status }).toEqual({
      message: wrong.message,
      code: wrong.code,
      fields: wrong.fields,
      status: wrong.status,
    });
  });

  // Issue 9 item 5: 10 failures from anywhere used to lock the owner out everywhere.
  it("throttles failures per (account, client): strangers lock out only themselves, a known device keeps signing in", async () => {
    const { email } = await newAccount("locked");
    const owner = { ip: "203.0.113.50", userAgent: "owner" };
    const { device } = await signIn({ email, password: PASSWORD }, owner);
    const ownerDevice = { ...owner, device: device.value };
    // A stranger fails 10 times from one address: that client is throttled, even with the right password.
    const stranger = { ip: "198.51.100.66", userAgent: "stranger" };
    for (let i = 0; i < 10; i++) await expect(signIn({ email, password: `wrong-${i}` }, stranger)).rejects.toBeInstanceOf(ValidationError);
    const limited = await signIn({ email, password: PASSWORD }, stranger).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    // The owner's device, another client, and even a new browser on the owner's own address still sign in.
    await expect(signIn({ email, password: PASSWORD }, ownerDevice)).resolves.toMatchObject({ device: { value: device.value } });
    await expect(signIn({ email: email.toUpperCase(), password: PASSWORD }, { ip: "192.0.2.10", userAgent: "new" })).resolves.toBeDefined();
    await expect(signIn({ email, password: PASSWORD }, owner)).resolves.toBeDefined();
    // Strangers sharing the owner's device cookie value cannot: it is signed for this account only.
    const forged = { ...stranger, device: device.value.replace(/^./, (c) => (c === "A" ? "B" : "A")) };
    await expect(signIn({ email, password: PASSWORD }, forged)).rejects.toBeInstanceOf(RateLimitedError);
    // A device that keeps failing is throttled itself, and nothing else is.
    for (let i = 0; i < 10; i++) await expect(signIn({ email, password: `wrong-${i}` }, ownerDevice)).rejects.toBeInstanceOf(ValidationError);
    await expect(signIn({ email, password: PASSWORD }, ownerDevice)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(signIn({ email, password: PASSWORD }, owner)).resolves.toBeDefined();
  });

  it("issues a device cookie that is bound to the account", async () => {
    const { email } = await newAccount("device");
    const other = await newAccount("device-other");
    const { device } = await signIn({ email, password: PASSWORD }, noIp);
    expect(verifyDeviceCookie(device.value, email)).not.toBeNull();
    expect(verifyDeviceCookie(device.value, other.email)).toBeNull();
    expect(verifyDeviceCookie(`${device.value}x`, email)).toBeNull();
    expect(verifyDeviceCookie("", email)).toBeNull();
    expect(verifyDeviceCookie(null, email)).toBeNull();
  });

  it("works end to end with a 64-character password, and does not truncate long ones", async () => {
    const long = "Tr0ub4dor&3-".repeat(6).slice(0, 64);
    expect(long).toHaveLength(64);
    const { email, userId } = await newAccount("long", long);
    const { session } = await signIn({ email, password: long }, noIp);
    expect((await viewerOf({ cookie: session.token }))?.id).toBe(userId);
    await expect(signIn({ email, password: long.slice(0, 63) }, noIp)).rejects.toBeInstanceOf(ValidationError);

    // Two 200-character passwords that share their first 199 characters are different passwords.
    const max = "x".repeat(199) + "a";
    const other = await newAccount("max", max);
    await expect(signIn({ email: other.email, password: "x".repeat(199) + "b" }, noIp)).rejects.toBeInstanceOf(ValidationError);
    await expect(signIn({ email: other.email, password: max }, noIp)).resolves.toMatchObject({ userId: other.userId });
  });

  it("refuses a disabled user even with the right password, and their session stops resolving", async () => {
    const { email, userId, cookie } = await newAccount("disabled");
    const { token } = await createAccessToken(await actorFor(cookie), { name: "cli" });
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    expect(await viewerOf({ cookie })).toBeNull();
    await expect(viewerOf({ bearer: token })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(signIn({ email, password: PASSWORD }, noIp)).rejects.toThrow("Email or password is incorrect.");
  });
});

describe("password reset", () => {
  // Issue 9 item 6: unknown addresses returned early, before the per-address limit and any write.
  it("answers, counts and mails an unknown address the same way as a known one (no reset link for it)", async () => {
    const ghost = newEmail("ghost");
    const { email: known } = await newAccount("known-cap");
    // Its sign-up mail counted against the address: start both from an empty window.
    await resetLimit(await getDb(), `mail:${known}`);
    const outcomes = async (address: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) seen.push(await requestPasswordReset({ email: address }, noIp).then(() => "ok", (e) => e.constructor.name));
      return seen;
    };
    const expected = ["ok", "ok", "ok", "ok", "ok", "RateLimitedError", "RateLimitedError"];
    expect(await outcomes(ghost)).toEqual(expected);
    expect(await outcomes(known)).toEqual(expected);
    const ghostMails = await mailsTo(ghost);
    expect(ghostMails).toHaveLength(5);
    expect(ghostMails[0].text).not.toContain("/reset-password/");
    expect(ghostMails[0].subject).toMatch(/no account/);
  });

  it("mails a /reset-password/<token> link to a known email, whatever its case", async () => {
    const { email } = await newAccount("known");
    await requestPasswordReset({ email: email.toUpperCase() }, noIp);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2); // verification, then reset
    expect(mails[0].text).toMatch(new RegExp(`${APP_URL}/reset-password/[A-Za-z0-9_-]{43}`));
  });

  it("sets the new password, ends every old session, and is single use", async () => {
    const { email, userId, cookie } = await newAccount("reset");
    const second = (await signIn({ email, password: PASSWORD }, noIp)).session.token;
    await requestPasswordReset({ email }, noIp);
    const token = await linkToken(email, "reset-password");

    const result = await resetPassword({ token, password: "a brand new password" }, noIp);
    expect(result.userId).toBe(userId);
    expect(await viewerOf({ cookie })).toBeNull();
    expect(await viewerOf({ cookie: second })).toBeNull();
    expect((await viewerOf({ cookie: result.session.token }))?.id).toBe(userId);

    await expect(signIn({ email, password: PASSWORD }, noIp)).rejects.toBeInstanceOf(ValidationError);
    await expect(signIn({ email, password: "a brand new password" }, noIp)).resolves.toMatchObject({ userId });
    await expect(resetPassword({ token, password: "yet another password" }, noIp)).rejects.toBeInstanceOf(NotFoundError);
    await expect(signIn({ email, password: "a brand new password" }, noIp)).resolves.toMatchObject({ userId });
  });

  it("kills the other outstanding reset links once one is used", async () => {
    const { email } = await newAccount("twice");
    await requestPasswordReset({ email }, noIp);
    const older = await linkToken(email, "reset-password");
    await requestPasswordReset({ email }, noIp);
    const newer = await linkToken(email, "reset-password");
    expect(newer).not.toBe(older);
    await resetPassword({ token: newer, password: "password number two" }, noIp);
    await expect(resetPassword({ token: older, password: "password number three" }, noIp)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses an expired link and leaves the password alone", async () => {
    const { email, userId, cookie } = await newAccount("expired");
    await requestPasswordReset({ email }, noIp);
    const token = await linkToken(email, "reset-password");
    const db = await getDb();
    await db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "reset_password")));
    await expect(resetPassword({ token, password: "never applied password" }, noIp)).rejects.toBeInstanceOf(NotFoundError);
    await expect(signIn({ email, password: PASSWORD }, noIp)).resolves.toMatchObject({ userId });
    expect((await viewerOf({ cookie }))?.id).toBe(userId);
  });

  it("refuses a verification token as a reset token, and a too-short new password", async () => {
    const { email } = await newAccount("mixup");
    const verifyToken = await linkToken(email, "verify-email");
    await expect(resetPassword({ token: verifyToken, password: "some new password" }, noIp)).rejects.toBeInstanceOf(NotFoundError);
    await requestPasswordReset({ email }, noIp);
    const token = await linkToken(email, "reset-password");
    await expect(resetPassword({ token, password: "short" }, noIp)).rejects.toThrow();
    // The refused attempt did not use the link up.
    await expect(resetPassword({ token, password: "long enough now" }, noIp)).resolves.toBeDefined();
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password with a field error on currentPassword", async () => {
    const { cookie } = await newAccount("change-wrong");
    const error = await changePassword(await actorFor(cookie), { currentPassword: "not it at all", newPassword: "a new password" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual({ currentPassword: expect.any(String) });
  });

  it("revokes the other sessions but keeps the current one", async () => {
    const { email, userId, cookie } = await newAccount("change");
    const other = (await signIn({ email, password: PASSWORD }, noIp)).session.token;
    await changePassword(await actorFor(cookie), { currentPassword: PASSWORD, newPassword: "a new password" });
    expect((await viewerOf({ cookie }))?.id).toBe(userId);
    expect(await viewerOf({ cookie: other })).toBeNull();
    await expect(signIn({ email, password: PASSWORD }, noIp)).rejects.toBeInstanceOf(ValidationError);
    await expect(signIn({ email, password: "a new password" }, noIp)).resolves.toMatchObject({ userId });
  });

  it("refuses anonymous callers", async () => {
    await expect(changePassword({ viewer: null, meta: noIp }, { currentPassword: PASSWORD, newPassword: "a new password" })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("sessions", () => {
  it("lists the viewer's sessions and marks the current one", async () => {
    const { email, cookie } = await newAccount("list");
    await signIn({ email, password: PASSWORD }, { ip: "198.51.100.9", userAgent: "Firefox" });
    const actor = await actorFor(cookie);
    const list = await listSessions(actor);
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current).map((s) => s.id)).toEqual([actor.viewer!.credential.id]);
    expect(list.find((s) => !s.current)).toMatchObject({ ip: "198.51.100.9", userAgent: "Firefox" });
  });

  it("revokes one of the viewer's own sessions", async () => {
    const { email, cookie } = await newAccount("revoke");
    const other = (await signIn({ email, password: PASSWORD }, noIp)).session.token;
    const otherId = (await viewerOf({ cookie: other }))!.credential.id;
    await revokeSession(await actorFor(cookie), otherId);
    expect(await viewerOf({ cookie: other })).toBeNull();
    expect(await viewerOf({ cookie })).not.toBeNull();
  });

  it("answers NotFound for another user's session and leaves it alone", async () => {
    const mallory = await newAccount("mallory");
    const victim = await newAccount("victim");
    const victimSessionId = (await viewerOf({ cookie: victim.cookie }))!.credential.id;
    await expect(revokeSession(await actorFor(mallory.cookie), victimSessionId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeSession(await actorFor(mallory.cookie), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect((await viewerOf({ cookie: victim.cookie }))?.id).toBe(victim.userId);
  });

  it("revokeOtherSessions keeps only the current session", async () => {
    const { email, userId, cookie } = await newAccount("others");
    const others = [];
    for (let i = 0; i < 3; i++) others.push((await signIn({ email, password: PASSWORD }, noIp)).session.token);
    const bystander = await newAccount("bystander");
    await revokeOtherSessions(await actorFor(cookie));
    for (const token of others) expect(await viewerOf({ cookie: token })).toBeNull();
    expect((await viewerOf({ cookie }))?.id).toBe(userId);
    expect(await viewerOf({ cookie: bystander.cookie })).not.toBeNull();
    const db = await getDb();
    expect(await db.$count(sessions, eq(sessions.userId, userId))).toBe(1);
  });

  it("stops resolving an expired session", async () => {
    const { userId, cookie } = await newAccount("stale");
    const db = await getDb();
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, userId));
    expect(await viewerOf({ cookie })).toBeNull();
  });
});

describe("personal access tokens", () => {
  it("shows the token once, stores only its hash, and resolves it as Bearer", async () => {
    const { userId, cookie } = await newAccount("pat");
    const created = await createAccessToken(await actorFor(cookie), { name: "laptop" });
    expect(created.token).toMatch(/^atr_[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const db = await getDb();
    const [row] = await db.select().from(personalAccessTokens).where(eq(personalAccessTokens.id, created.id));
    expect(row.tokenHash).not.toBe(created.token);
    expect(row.tokenHash).not.toContain(created.token.slice(4));
    expect(created.token.startsWith(row.prefix)).toBe(true);
    const listed = await listAccessTokens(await actorFor(cookie));
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const viewer = await viewerOf({ bearer: created.token });
    expect(viewer).toMatchObject({ id: userId, credential: { kind: "token", id: created.id } });
  });

  it("stops resolving a revoked token, and never revokes another user's", async () => {
    const alice = await newAccount("alice");
    const bob = await newAccount("bob");
    const aliceToken = await createAccessToken(await actorFor(alice.cookie), { name: "a" });
    await expect(revokeAccessToken(await actorFor(bob.cookie), aliceToken.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await viewerOf({ bearer: aliceToken.token }))?.id).toBe(alice.userId);
    await revokeAccessToken(await actorFor(alice.cookie), aliceToken.id);
    await expect(viewerOf({ bearer: aliceToken.token })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("expires: a past expiry is refused, a token without expiry keeps working", async () => {
    const { cookie, userId } = await newAccount("expiry");
    const short = await createAccessToken(await actorFor(cookie), { name: "short", expiresInDays: 7 });
    const forever = await createAccessToken(await actorFor(cookie), { name: "forever", expiresInDays: 0 });
    expect(forever.expiresAt).toBeNull();
    const db = await getDb();
    await db.update(personalAccessTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(personalAccessTokens.id, short.id));
    await expect(viewerOf({ bearer: short.token })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await viewerOf({ bearer: forever.token }))?.id).toBe(userId);
  });

  it("refuses odd lifetimes and empty names", async () => {
    const { cookie } = await newAccount("odd");
    await expect(createAccessToken(await actorFor(cookie), { name: "x", expiresInDays: 5 })).rejects.toThrow();
    await expect(createAccessToken(await actorFor(cookie), { name: "   " })).rejects.toThrow();
    expect(await listAccessTokens(await actorFor(cookie))).toHaveLength(0);
  });

  it("a token actor cannot be used as a session (listSessions marks nothing current)", async () => {
    const { cookie } = await newAccount("token-actor");
    const { token } = await createAccessToken(await actorFor(cookie), { name: "api" });
    const actor = (await loadActor(new Headers({ authorization: `Bearer ${token}` }))).actor;
    const list = await listSessions(actor);
    expect(list).toHaveLength(1);
    expect(list[0].current).toBe(false);
  });
});
