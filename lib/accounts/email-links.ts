import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { emailTokens, identities, sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor, type RequestMeta } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { appUrl } from "@/lib/config";
import { ConflictError, NotFoundError, parseInput } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { resetPasswordMail, verifyEmailMail } from "@/lib/mail/templates";
import { consume } from "@/lib/rate-limit";
import { forgotPasswordInput, resetPasswordInput } from "./schemas";
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

export async function queueVerificationMail(tx: Db, user: { id: string; name: string; email: string }) {
  const token = await issueToken(tx, user.id, user.email, "verify_email");
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

export async function verifyEmail(token: string, meta: RequestMeta) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const redeemed = await redeemToken(tx, token, "verify_email");
    if (!redeemed) throw new NotFoundError("This verification link is invalid, used or expired. Sign in and ask for a new one.");
    const user = await markEmailVerified(tx, redeemed.userId, redeemed.email, meta);
    if (!user) throw new NotFoundError("This link was sent to an address your account no longer uses.");
    await recordAudit(tx, { viewer: null, meta }, { orgId: null, action: "user.email_verified", targetType: "user", targetId: user.id, targetLabel: user.email });
    return { id: user.id, email: user.email };
  });
}

/**
 * An emailed link proved the mailbox: marks the address verified, if the account still uses it.
 * (Open join is then offered on the organizations page, never applied silently: issue 9.)
 * Null when the account no longer uses that address.
 */
export async function markEmailVerified(tx: Db, userId: string, email: string, meta: RequestMeta) {
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
      // now() is the transaction's start: equal to it only when this transaction set the timestamp.
      justVerified: sql<boolean>`${users.emailVerifiedAt} = now()`,
    });
  return user ?? null;
}

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(input: z.input<typeof forgotPasswordInput>, meta: RequestMeta) {
  const { email } = parseInput(forgotPasswordInput, input);
  const db = await getDb();
  if (meta.ip) await consume(db, `reset:ip:${meta.ip}`, { limit: 20, seconds: 60 * 60 });
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
  if (!user) return;
  await consume(db, `mail:${email}`, MAILS_PER_ADDRESS);
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, user.id, user.email, "reset_password");
    await enqueueMail(tx, resetPasswordMail(user.email, `${appUrl()}/reset-password/${token}`));
  });
  deliverSoon();
}

/**
 * Sets a new password from an emailed link, ends every existing session and opens a new one. An
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
    await markEmailVerified(tx, redeemed.userId, redeemed.email, meta);
    await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(and(eq(emailTokens.userId, redeemed.userId), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, redeemed.userId));
    await recordAudit(tx, { viewer: null, meta }, {
      orgId: null,
      action: "user.password_reset",
      targetType: "user",
      targetId: redeemed.userId,
      targetLabel: redeemed.email,
      after: unlinked.length ? { identitiesUnlinked: unlinked.length } : null,
    });
    return { userId: redeemed.userId, session: await createSession(tx, redeemed.userId, meta) };
  });
}
