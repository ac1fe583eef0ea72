import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor, type Viewer } from "@/lib/auth/context";
import { verifyPassword } from "@/lib/auth/password";
import { AppError, ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { consume } from "@/lib/rate-limit";

/** How long a proof of identity (signing in, or entering the password again) lets sensitive changes through. */
export const SUDO_MINUTES = 10;

/** A sensitive change asked for a recent proof of identity and the session has none (HTTP 403, code reauth_required). */
export class ReauthRequiredError extends AppError {
  constructor() {
    super("reauth_required", 403, `Confirm it is you first: enter your password (or sign in again) at /sudo, then try again within ${SUDO_MINUTES} minutes.`);
  }
}

/**
 * Whether the viewer proved who they are within the last few minutes: a session opened (by password
 * or SSO) or re-confirmed then. Access tokens count as recent: making one needed that proof, and a
 * script cannot re-enter a password; their scopes limit them instead.
 */
export function isRecentlyAuthenticated(viewer: Viewer): boolean {
  if (viewer.credential.kind === "token") return true;
  const at = viewer.credential.authenticatedAt;
  return at !== null && Date.now() - at.getTime() < SUDO_MINUTES * 60_000;
}

/** Sudo mode: throws ReauthRequired unless the caller authenticated recently. Call it first in a sensitive service. */
export function requireRecentAuth(actor: Actor): Viewer {
  const viewer = requireViewer(actor);
  if (!isRecentlyAuthenticated(viewer)) throw new ReauthRequiredError();
  return viewer;
}

export const confirmPasswordInput = z.object({ password: z.string("Enter your password.").min(1, "Enter your password.").max(200, "That is not your password.") });

/**
 * Re-enters the password to open sudo mode for this session. Accounts without a password sign in
 * again through their SSO instead: the new session counts as a recent proof.
 */
export async function confirmPassword(actor: Actor, input: z.input<typeof confirmPasswordInput>) {
  const viewer = requireViewer(actor);
  if (viewer.credential.kind !== "session") throw new ConflictError("Only a signed-in browser session can confirm a password.");
  const { password } = parseInput(confirmPasswordInput, input);
  const db = await getDb();
  await consume(db, `sudo:${viewer.id}`, { limit: 10, seconds: 15 * 60 });
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
  if (!user?.passwordHash) throw new ConflictError("Your account has no password: sign in again through single sign-on instead.");
  if (!(await verifyPassword(user.passwordHash, password))) throw new ValidationError("That is not your password.", { password: "That is not your password." });
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ authenticatedAt: sql`now()` }).where(eq(sessions.id, viewer.credential.id));
    await recordAudit(tx, actor, { orgId: null, action: "user.reauthenticated", targetType: "user", targetId: viewer.id, targetLabel: viewer.email });
  });
}
