import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { RequestMeta } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { deliverSoon } from "@/lib/mail/outbox";
import { assertNotLimited, consume, resetLimit } from "@/lib/rate-limit";
import { isLiveInvitationFor } from "@/lib/invitations/service";
import { queueVerificationMail } from "./email-links";
import { signInInput, signUpInput } from "./schemas";
import { createSession } from "./sessions";

const FAILED_SIGN_INS_PER_EMAIL = { limit: 10, seconds: 15 * 60 };
const FAILED_SIGN_INS_PER_IP = { limit: 100, seconds: 15 * 60 };
const SIGN_UPS_PER_IP = { limit: 20, seconds: 60 * 60 };

/**
 * Creates an account with a password and signs the person in. The address is verified at once when
 * they came through an invitation link to it; otherwise a verification mail goes out.
 */
export async function signUp(input: z.input<typeof signUpInput>, meta: RequestMeta) {
  const data = parseInput(signUpInput, input);
  const db = await getDb();
  if (meta.ip) await consume(db, `signup:ip:${meta.ip}`, SIGN_UPS_PER_IP);
  const passwordHash = await hashPassword(data.password);
  const result = await db.transaction(async (tx) => {
    const viaInvitation = data.invitation ? await isLiveInvitationFor(tx, data.invitation, data.email) : false;
    const [user] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, passwordHash, emailVerifiedAt: viaInvitation ? new Date() : null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, name: users.name, email: users.email });
    if (!user) throw new ConflictError("An account with this email already exists.", { email: "An account with this email already exists. Sign in instead." });
    if (!viaInvitation) await queueVerificationMail(tx, user);
    await recordAudit(tx, { viewer: null, meta }, { orgId: null, action: "user.signed_up", targetType: "user", targetId: user.id, targetLabel: user.email });
    return { userId: user.id, session: await createSession(tx, user.id, meta) };
  });
  deliverSoon();
  return result;
}

/**
 * Checks an email and password and opens a session. The error never says which of the two was
 * wrong, and failures are rate limited per email and per address in the database.
 */
export async function signIn(input: z.input<typeof signInInput>, meta: RequestMeta) {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Email or password is incorrect.");
  const { email, password } = parsed.data;
  const db = await getDb();
  const emailKey = `signin:email:${email}`;
  const ipKey = meta.ip ? `signin:ip:${meta.ip}` : null;
  await assertNotLimited(db, emailKey, FAILED_SIGN_INS_PER_EMAIL);
  if (ipKey) await assertNotLimited(db, ipKey, FAILED_SIGN_INS_PER_IP);

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email));
  const ok = (await verifyPassword(user?.passwordHash ?? null, password)) && !user?.disabledAt;
  if (!ok || !user) {
    await consume(db, emailKey, { ...FAILED_SIGN_INS_PER_EMAIL, limit: Infinity });
    if (ipKey) await consume(db, ipKey, { ...FAILED_SIGN_INS_PER_IP, limit: Infinity });
    throw new ValidationError("Email or password is incorrect.");
  }
  await resetLimit(db, emailKey);
  return { userId: user.id, session: await createSession(db, user.id, meta) };
}
