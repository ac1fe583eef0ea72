import { and, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { emailTokens, identities, personalAccessTokens, sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor, type RequestMeta } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { appUrl } from "@/lib/config";
import { ConflictError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { noAccountMail, resetPasswordMail, verifyEmailMail } from "@/lib/mail/templates";
import { applyOpenJoin } from "@/lib/members/open-join";
import { consume } from "@/lib/rate-limit";
import { forgotPasswordInput, resetPasswordInput, verifyEmailInput } from "./schemas";
import { createSession } from "./sessions";

type Purpose = "verify_email" | "reset_password" | "link_identity";
const LIFETIME_MS: Record<Purpose, number> = { verify_email: 24 * 3_600_000, reset_password: 3_600_000, link_identity: 3_600_000 };
export const MAILS_PER_ADDRESS = { limit: 5, seconds: 60 * 60 };

export async function issueToken(tx: Db, userId: string, email: string, purpose: Purpose, payload?: Record<string, unknown>) {
  const token = newToken();
  await tx.insert(emailTokens).values({ tokenHash: hashToken(token), userId, email, purpose, payload, expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]) });
  return token;
}

/** Marks a live token used and returns it; null when it is unknown, used or expired. Single use even under races. */
export async function redeemToken(tx: Db, token: string, purpose: Purpose) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)))
    .returning({ userId: emailTokens.userId, email: emailTokens.email, payload: emailTokens.payload });
  return row ?? null;
}

/** next: where the person goes once verified (a same-origin path). */
export async function queueVerificationMail(tx: Db, user: { id: string; name: string; email: string }, next?: string) {
  const token = await issueToken(tx, user.id, user.email, "verify_email", next ? { next } : undefined);
  await enqueueMail(tx, verifyEmailMail(user.email, user.name, `${appUrl()}/verify-email/${token}`));
}

/** Sends a fresh verification link to the signed-in person's address. */
export async function resendVerification(actor: Actor) {
  const viewer = requireViewer(actor);
  if (viewer.emailVerified) throw new ConflictError("Your email address is already verified.");
  const db = await getDb();
  await consume(db, `mail:${viewer.email}`, MAILS_PER_ADDRESS);
  await db.transaction((tx) => queueVerificationMail(tx, viewer));
  deliverSoon();
}

/** What a verification link is for, to word its page; null when it is not live. Reading changes nothing. */
export async function verificationView(actor: Actor, token: string) {
  const db = await getDb();
  const [row] = await db
    .select({ userId: emailTokens.userId, email: emailTokens.email, passwordHash: users.passwordHash })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, "verify_email"), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)));
  if (!row) return null;
  // A password session of this account already shows the password is the verifier's.
  const signedInHere = actor.viewer?.id === row.userId && actor.viewer.credential.kind === "session";
  return { userId: row.userId, email: row.email, asksPassword: Boolean(row.passwordHash) && !(signedInHere && actor.viewer!.credential.method === "password") };
}

/**
 * The verification link. Whoever opens it reads the mailbox, but may not be who set the account's
 * password (someone can sign up first with another person's address): the password survives only
 * when the verifier shows they know it (a password session of the account, or typing it here);
 * otherwise it is removed and they set one of their own. The first verification also ends every
 * other session and every token (markEmailVerified). The verifier ends up signed in.
 */
export async function verifyEmail(actor: Actor, input: z.input<typeof verifyEmailInput>) {
  const { token, password } = parseInput(verifyEmailInput, input);
  const db = await getDb();
  const view = await verificationView(actor, token);
  if (!view) throw new NotFoundError("This verification link is invalid, used or expired. Sign in and ask for a new one.");
  const current = actor.viewer?.credential.kind === "session" ? actor.viewer : null;
  let passwordProven = !view.asksPassword;
  if (view.asksPassword && password) {
    const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, view.userId));
    await consume(db, `verify-password:${view.userId}`, { limit: 10, seconds: 15 * 60 });
    if (!(await verifyPassword(user?.passwordHash ?? null, password))) {
      throw new ValidationError("That is not the account's password.", { password: "That is not the password. Leave it empty if you do not know it." });
    }
    passwordProven = true;
  }
  return db.transaction(async (tx) => {
    const redeemed = await redeemToken(tx, token, "verify_email");
    if (!redeemed) throw new NotFoundError("This verification link is invalid, used or expired. Sign in and ask for a new one.");
    const keepSession = current?.id === redeemed.userId ? current.credential.id : null;
    const user = await markEmailVerified(tx, redeemed.userId, redeemed.email, actor.meta, { keepSessionId: keepSession, passwordProven });
    if (!user) throw new NotFoundError("This link was sent to an address your account no longer uses.");
    await recordAudit(tx, { viewer: null, meta: actor.meta }, { orgId: null, action: "user.email_verified", targetType: "user", targetId: user.id, targetLabel: user.email, after: user.passwordRemoved ? { passwordRemoved: true } : null });
    const next = typeof (redeemed.payload as { next?: unknown } | null)?.next === "string" ? (redeemed.payload as { next: string }).next : null;
    const session = keepSession ? null : await createSession(tx, user.id, actor.meta);
    return { id: user.id, email: user.email, passwordRemoved: user.passwordRemoved, session, next };
  });
}

/**
 * An emailed link (or a provider an instance trusts) proved the mailbox: marks the address verified,
 * if the account still uses it. The first time it becomes verified, by any path, whatever was set up
 * before that proof may belong to someone else who signed up with this address first (issue 9:
 * pre-takeover): every session but the verifier's (keepSessionId) and every access token end, and a
 * password set before ends too unless the verifier showed they know it (passwordProven). Then open
 * join may admit the owner (DESIGN §5: every sign-in path). Null when the account no longer uses that address.
 */
export async function markEmailVerified(tx: Db, userId: string, email: string, meta: RequestMeta, proof: { keepSessionId?: string | null; passwordProven?: boolean } = {}) {
  const [user] = await tx
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
    .where(and(eq(users.id, userId), eq(users.email, email)))
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      disabledAt: users.disabledAt,
      hadPassword: sql<boolean>`${users.passwordHash} is not null`,
      // now() is the transaction's start: equal to it only when this transaction set the timestamp.
      justVerified: sql<boolean>`${users.emailVerifiedAt} = now()`,
    });
  if (!user) return null;
  const passwordRemoved = Boolean(user.justVerified && user.hadPassword && !proof.passwordProven);
  if (user.justVerified) {
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), proof.keepSessionId ? ne(sessions.id, proof.keepSessionId) : undefined));
    await tx.delete(personalAccessTokens).where(eq(personalAccessTokens.userId, user.id));
    if (passwordRemoved) await tx.update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    await applyOpenJoin(tx, meta, { ...user, emailVerified: true, emailVouchedBy: null, method: "password" }, { via: "open_join" });
  }
  return { ...user, passwordRemoved };
}

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(input: z.input<typeof forgotPasswordInput>, meta: RequestMeta) {
  const { email } = parseInput(forgotPasswordInput, input);
  const db = await getDb();
  if (meta.ip) await consume(db, `reset:ip:${meta.ip}`, { limit: 20, seconds: 60 * 60 });
  // Counted, looked up and mailed the same way for every address (issue 9: enumeration): the
  // owner of an address without an account is told there is none instead of getting a link.
  await consume(db, `mail:${email}`, MAILS_PER_ADDRESS);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
    const mail = user ? resetPasswordMail(email, `${appUrl()}/reset-password/${await issueToken(tx, user.id, email, "reset_password")}`) : noAccountMail(email, `${appUrl()}/signup`);
    await enqueueMail(tx, mail);
  });
  deliverSoon();
}

/**
 * Sets a new password from an emailed link, ends every existing session and every access token (the
 * recovery path: whoever had a way in before may be who the owner is recovering from) and opens a new session. An
 * account that had no password was made by single sign-on; if an organization's provider made it,
 * nobody had shown it belongs to this mailbox's owner, so the reset unlinks such providers (the
 * owner links them again from the account page). Otherwise whoever ran that provider could still
 * sign in to the account the mailbox owner just took over.
 */
export async function resetPassword(input: z.input<typeof resetPasswordInput>, meta: RequestMeta) {
  const data = parseInput(resetPasswordInput, input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const redeemed = await redeemToken(tx, data.token, "reset_password");
    if (!redeemed) throw new NotFoundError("This reset link is invalid, used or expired. Ask for a new one.");
    const [before] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, redeemed.userId)).for("update");
    const unlinked = before?.passwordHash ? [] : await tx.delete(identities).where(and(eq(identities.userId, redeemed.userId), isNotNull(identities.orgId))).returning({ id: identities.id });
    await tx.update(users).set({ passwordHash }).where(eq(users.id, redeemed.userId));
    // The link proves the person reads this mailbox, so it verifies the address too.
    await markEmailVerified(tx, redeemed.userId, redeemed.email, meta, { passwordProven: true });
    await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(and(eq(emailTokens.userId, redeemed.userId), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, redeemed.userId));
    const tokens = await tx.delete(personalAccessTokens).where(eq(personalAccessTokens.userId, redeemed.userId)).returning({ id: personalAccessTokens.id });
    await recordAudit(tx, { viewer: null, meta }, {
      orgId: null,
      action: "user.password_reset",
      targetType: "user",
      targetId: redeemed.userId,
      targetLabel: redeemed.email,
      after: { ...(unlinked.length ? { identitiesUnlinked: unlinked.length } : {}), tokensRevoked: tokens.length },
    });
    return { userId: redeemed.userId, session: await createSession(tx, redeemed.userId, meta) };
  });
}
