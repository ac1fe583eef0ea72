import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { emailTokens, sessions, users } from "@/db/schema";
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

type Purpose = "verify_email" | "reset_password";
const LIFETIME_MS: Record<Purpose, number> = { verify_email: 24 * 3_600_000, reset_password: 3_600_000 };
const MAILS_PER_ADDRESS = { limit: 5, seconds: 60 * 60 };

async function issueToken(tx: Db, userId: string, email: string, purpose: Purpose) {
  const token = newToken();
  await tx.insert(emailTokens).values({ tokenHash: hashToken(token), userId, email, purpose, expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]) });
  return token;
}

/** Marks a live token used and returns it; null when it is unknown, used or expired. Single use even under races. */
async function redeemToken(tx: Db, token: string, purpose: Purpose) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)))
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
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
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(and(eq(users.id, redeemed.userId), eq(users.email, redeemed.email)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new NotFoundError("This link was sent to an address your account no longer uses.");
    await recordAudit(tx, { viewer: null, meta }, { orgId: null, action: "user.email_verified", targetType: "user", targetId: user.id, targetLabel: user.email });
    return user;
  });
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

/** Sets a new password from an emailed link, ends every existing session and opens a new one. */
export async function resetPassword(input: z.input<typeof resetPasswordInput>, meta: RequestMeta) {
  const data = parseInput(resetPasswordInput, input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const redeemed = await redeemToken(tx, data.token, "reset_password");
    if (!redeemed) throw new NotFoundError("This reset link is invalid, used or expired. Ask for a new one.");
    // The link proves the person reads this mailbox, so it verifies the address too.
    await tx.update(users).set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, redeemed.userId));
    await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(and(eq(emailTokens.userId, redeemed.userId), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, redeemed.userId));
    await recordAudit(tx, { viewer: null, meta }, { orgId: null, action: "user.password_reset", targetType: "user", targetId: redeemed.userId, targetLabel: redeemed.email });
    return { userId: redeemed.userId, session: await createSession(tx, redeemed.userId, meta) };
  });
}
