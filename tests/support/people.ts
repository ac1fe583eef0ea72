import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { signUp } from "@/lib/accounts/credentials";
import { createSession } from "@/lib/accounts/sessions";
import { loadActor, SESSION_COOKIE, toOrgActor, type Actor, type OrgActor } from "@/lib/auth/context";
import type { OrgRole } from "@/lib/authz";

export const PASSWORD = "correct horse battery staple";
export const meta = { ip: "203.0.113.7", userAgent: "vitest" };

export type Person = { id: string; email: string; cookie: string; headers: Headers };

/** A signed-up, verified person with a live session. */
export async function person(label = "user"): Promise<Person> {
  const email = `${label}-${randomBytes(4).toString("hex")}@example.com`;
  await signUp({ name: label, email, password: PASSWORD }, { ip: null, userAgent: "vitest" });
  const db = await getDb();
  const [{ id: userId }] = await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, email)).returning({ id: users.id });
  const session = await createSession(db, userId, { ip: null, userAgent: "vitest" });
  const cookie = `${SESSION_COOKIE}=${session.token}`;
  return { id: userId, email, cookie, headers: new Headers({ cookie, "user-agent": "vitest" }) };
}

export async function addMember(orgId: string, userId: string, role: OrgRole) {
  const db = await getDb();
  await db.insert(memberships).values({ orgId, userId, role, joinedVia: "seed" });
}

export async function actorOf(p: Person | null): Promise<Actor> {
  return (await loadActor(p?.headers ?? new Headers())).actor;
}

export async function orgActorOf(p: Person | null, slug: string): Promise<OrgActor> {
  const { actor, org } = await loadActor(p?.headers ?? new Headers(), slug);
  return toOrgActor(actor, org!);
}

export const uniqueSlug = (prefix = "org") => `${prefix}-${randomBytes(4).toString("hex")}`;

/**
 * A person written straight into the database (no password hashing, no verification mail) with a
 * live session: for tests that need many people, or exact names and addresses.
 */
export async function quickPerson(options: { name?: string; email?: string; verified?: boolean } = {}): Promise<Person> {
  const label = options.name ?? "quick";
  const email = (options.email ?? `quick-${randomBytes(6).toString("hex")}@example.com`).toLowerCase();
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ name: label, email, emailVerifiedAt: options.verified === false ? null : new Date() })
    .returning({ id: users.id });
  const { token } = await createSession(db, user.id, { ip: null, userAgent: "vitest" });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { id: user.id, email, cookie, headers: new Headers({ cookie, "user-agent": "vitest" }) };
}

/** The id of the account with this address (sign-up answers without one, to name nobody). */
export async function userIdOf(email: string): Promise<string> {
  const db = await getDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase()));
  if (!user) throw new Error(`no account for ${email}`);
  return user.id;
}

export const anonymous = (meta = { ip: null, userAgent: "vitest" }): Actor => ({ viewer: null, meta });
