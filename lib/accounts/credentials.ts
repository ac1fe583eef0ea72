import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { RequestMeta } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { appUrl } from "@/lib/config";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { accountExistsMail } from "@/lib/mail/templates";
import { consume } from "@/lib/rate-limit";
import { isLiveInvitationFor } from "@/lib/invitations/service";
import { applyOpenJoin } from "@/lib/members/open-join";
import { MAILS_PER_ADDRESS, queueVerificationMail } from "./email-links";
import { signInInput, signUpInput } from "./schemas";
import { createSession } from "./sessions";
import { assertSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from "./sign-in-throttle";

const SIGN_UPS_PER_IP = { limit: 20, seconds: 60 * 60 };

export type SignUpResult = { kind: "signed-in"; userId: string; session: { token: string; maxAgeSeconds: number } } | { kind: "check-email"; email: string };

/**
 * Creates an account with a password. Through an invitation link to the same address the address is
 * verified at once and the person signed in. Otherwise the answer is "check your email" whether or
 * not the address already has an account (issue 9: enumeration): a new account gets a verification
 * link, which finishes the sign-up and signs in; the owner of an existing one is told of the attempt.
 */
export async function signUp(input: z.input<typeof signUpInput>, meta: RequestMeta): Promise<SignUpResult> {
  const data = parseInput(signUpInput, input);
  const db = await getDb();
  if (meta.ip) await consume(db, `signup:ip:${meta.ip}`, SIGN_UPS_PER_IP);
  const passwordHash = await hashPassword(data.password);
  const viaInvitation = data.invitation ? await isLiveInvitationFor(db, data.invitation, data.email) : false;
  if (!viaInvitation) await consume(db, `mail:${data.email}`, MAILS_PER_ADDRESS);
  const result = await db.transaction(async (tx): Promise<SignUpResult> => {
    const [user] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, passwordHash, emailVerifiedAt: viaInvitation ? new Date() : null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, name: users.name, email: users.email });
    if (!viaInvitation) {
      if (user) {
        await queueVerificationMail(tx, user, data.next);
        await recordAudit(tx, { viewer: null, meta }, { orgId: null, action: "user.signed_up", targetType: "user", targetId: user.id, targetLabel: user.email });
      } else {
        await enqueueMail(tx, accountExistsMail(data.email, `${appUrl()}/signin`, `${appUrl()}/forgot-password`));
      }
      return { kind: "check-email", email: data.email };
    }
    // The invitation link proves the mailbox, so this answer may say the account exists.
    if (!user) throw new ConflictError("An account with this email already exists.", { email: "An account with this email already exists. Sign in instead." });
    await recordAudit(tx, { viewer: null, meta }, { orgId: null, action: "user.signed_up", targetType: "user", targetId: user.id, targetLabel: user.email });
    // A verified address may open-join at once (another organization than the inviting one: that one's invitation waits).
    await applyOpenJoin(tx, meta, { ...user, emailVerified: true, emailVouchedBy: null, method: "password" }, { via: "open_join" });
    return { kind: "signed-in", userId: user.id, session: await createSession(tx, user.id, meta) };
  });
  deliverSoon();
  return result;
}

/**
 * The credential check of every password sign-in entry point: checks an email and password and
 * opens a session. The error never says which of the two was wrong. Failures are throttled per
 * (account, client) (./sign-in-throttle); the returned device cookie marks this browser as one the
 * account signed in from, and the caller sets it.
 */
export async function signIn(input: z.input<typeof signInInput>, meta: RequestMeta) {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Email or password is incorrect.");
  const { email, password } = parsed.data;
  const db = await getDb();
  await assertSignInAllowed(db, email, meta);

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email));
  const ok = (await verifyPassword(user?.passwordHash ?? null, password)) && !user?.disabledAt;
  if (!ok || !user) {
    await recordFailedSignIn(db, email, meta);
    throw new ValidationError("Email or password is incorrect.");
  }
  const device = await recordSuccessfulSignIn(db, email, meta);
  return { userId: user.id, session: await createSession(db, user.id, meta), device };
}
