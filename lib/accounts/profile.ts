import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { emailTokens, personalAccessTokens, sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ConflictError, ForbiddenError, ValidationError, parseInput } from "@/lib/errors";
import { consume } from "@/lib/rate-limit";
import { changePasswordInput, profileInput, setPasswordInput } from "./schemas";
import { requireRecentAuth } from "./sudo";

export async function updateProfile(actor: Actor, input: z.input<typeof profileInput>) {
  const viewer = requireViewer(actor);
  const { name } = parseInput(profileInput, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name }).where(eq(users.id, viewer.id));
    await recordAudit(tx, actor, { orgId: null, action: "user.updated", targetType: "user", targetId: viewer.id, targetLabel: viewer.email, before: { name: viewer.name }, after: { name } });
  });
}

/**
 * Changes the password after checking the current one (that check is the re-authentication sudo mode
 * asks for); other sessions, every access token and pending reset links end (a token must not
 * outlive the credential that made it).
 */
export async function changePassword(actor: Actor, input: z.input<typeof changePasswordInput>) {
  const viewer = requireViewer(actor);
  const data = parseInput(changePasswordInput, input);
  const db = await getDb();
  await consume(db, `password-change:${viewer.id}`, { limit: 10, seconds: 15 * 60 });
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
  if (!(await verifyPassword(user?.passwordHash ?? null, data.currentPassword))) {
    throw new ValidationError("Your current password is not correct.", { currentPassword: "This is not your current password." });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, viewer.id));
    const keep = viewer.credential.kind === "session" ? ne(sessions.id, viewer.credential.id) : undefined;
    await tx.delete(sessions).where(and(eq(sessions.userId, viewer.id), keep));
    await tx.delete(personalAccessTokens).where(eq(personalAccessTokens.userId, viewer.id));
    await tx.update(emailTokens).set({ usedAt: sql`now()` }).where(and(eq(emailTokens.userId, viewer.id), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt)));
    await recordAudit(tx, actor, { orgId: null, action: "user.password_changed", targetType: "user", targetId: viewer.id, targetLabel: viewer.email });
  });
}

/**
 * Gives an account made by single sign-on its first password, in sudo mode. Only with a verified address: whoever
 * holds the mailbox can take the account over by a reset anyway, and a password set before that
 * proof would let a provider's user keep a way in after the mailbox owner reset it.
 */
export async function setPassword(actor: Actor, input: z.input<typeof setPasswordInput>) {
  // With no password to re-enter, sudo mode asks for a fresh SSO sign-in.
  const viewer = requireRecentAuth(actor);
  const { newPassword } = parseInput(setPasswordInput, input);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first: then you can set a password.");
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [set] = await tx.update(users).set({ passwordHash }).where(and(eq(users.id, viewer.id), isNull(users.passwordHash))).returning({ id: users.id });
    if (!set) throw new ConflictError("Your account already has a password: change it instead.");
    await recordAudit(tx, actor, { orgId: null, action: "user.password_set", targetType: "user", targetId: viewer.id, targetLabel: viewer.email });
  });
}

/** Whether the signed-in account has a password (accounts made by single sign-on may not). */
export async function hasPassword(actor: Actor): Promise<boolean> {
  const viewer = requireViewer(actor);
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
  return Boolean(user?.passwordHash);
}
