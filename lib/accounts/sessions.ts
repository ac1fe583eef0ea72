import { and, desc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { SESSION_DAYS, requireViewer, type Actor, type RequestMeta } from "@/lib/auth/context";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { NotFoundError } from "@/lib/errors";

/** How a session signed in: "password" by default, else an SSO provider's key and whose word it carries. */
export type SignIn = { method: string; emailVouchedBy?: string | null };

/** Opens a database session and returns the cookie value (only its hash is stored). */
export async function createSession(tx: Db, userId: string, meta: RequestMeta, signIn: SignIn = { method: "password" }) {
  const token = newToken();
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    userAgent: meta.userAgent,
    ip: meta.ip,
    method: signIn.method,
    emailVouchedBy: signIn.emailVouchedBy ?? null,
  });
  return { token, maxAgeSeconds: SESSION_DAYS * 86_400 };
}

export async function listSessions(actor: Actor) {
  const viewer = requireViewer(actor);
  const db = await getDb();
  const rows = await db
    .select({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip, method: sessions.method, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
    .from(sessions)
    .where(eq(sessions.userId, viewer.id))
    .orderBy(desc(sessions.lastUsedAt));
  return rows.map((s) => ({ ...s, current: viewer.credential.kind === "session" && s.id === viewer.credential.id }));
}

export async function revokeSession(actor: Actor, sessionId: string) {
  const viewer = requireViewer(actor);
  const id = z.uuid().safeParse(sessionId);
  if (!id.success) throw new NotFoundError("No such session.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const gone = await tx.delete(sessions).where(and(eq(sessions.id, id.data), eq(sessions.userId, viewer.id))).returning({ id: sessions.id });
    if (!gone.length) throw new NotFoundError("No such session.");
    await recordAudit(tx, actor, { orgId: null, action: "session.revoked", targetType: "user", targetId: viewer.id, targetLabel: viewer.email });
  });
}

/** Signs out every session of the viewer except the one making the request. */
export async function revokeOtherSessions(actor: Actor) {
  const viewer = requireViewer(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const keep = viewer.credential.kind === "session" ? ne(sessions.id, viewer.credential.id) : undefined;
    const gone = await tx.delete(sessions).where(and(eq(sessions.userId, viewer.id), keep)).returning({ id: sessions.id });
    await recordAudit(tx, actor, { orgId: null, action: "session.revoked_others", targetType: "user", targetId: viewer.id, targetLabel: viewer.email, after: { count: gone.length } });
  });
}

/** Ends the current session (sign out). A no-op for anonymous callers and token callers. */
export async function signOut(actor: Actor) {
  if (actor.viewer?.credential.kind !== "session") return;
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, actor.viewer.credential.id));
}
