import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, invitations, mailOutbox, memberships, projectGrants, teamMembers } from "@/db/schema";
import { hashToken, newToken } from "@/lib/auth/tokens";
import type { OrgRole } from "@/lib/authz";

export const APP_URL = "http://localhost:3000";

/**
 * An open invitation written straight into the database, with a token the test knows (the app
 * only ever stores the token's hash).
 */
export async function seedInvitation(orgId: string, email: string, role: OrgRole, invitedBy: string | null, options: { expiresAt?: Date } = {}) {
  const token = newToken();
  const db = await getDb();
  const [row] = await db
    .insert(invitations)
    .values({ orgId, email, role, invitedBy, tokenHash: hashToken(token), expiresAt: options.expiresAt ?? new Date(Date.now() + 7 * 86_400_000) })
    .returning();
  return { ...row, token };
}

export async function invitationById(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
  return row ?? null;
}

/** Every invitation row of an organization to this address (any state), oldest first. */
export async function invitationsTo(orgId: string, email: string) {
  const db = await getDb();
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), sql`lower(${invitations.email}) = lower(${email})`))
    .orderBy(asc(invitations.createdAt));
}

export async function setInvitationExpiry(id: string, expiresAt: Date) {
  const db = await getDb();
  await db.update(invitations).set({ expiresAt }).where(eq(invitations.id, id));
}

/** Mail rows to an address, newest first. */
export async function mailsTo(to: string) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt));
}

/** The token of the newest `/invite/<token>` link mailed to `to`; the link must start with APP_URL. */
export async function inviteTokenFromOutbox(to: string) {
  const [mail] = await mailsTo(to);
  expect(mail, `no mail to ${to}`).toBeDefined();
  const match = mail.text.match(/(\S+)\/invite\/([A-Za-z0-9_-]+)/);
  expect(match, mail.text).not.toBeNull();
  expect(match![1]).toBe(APP_URL);
  return match![2];
}

export async function auditActions(orgId: string) {
  const db = await getDb();
  const rows = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(asc(auditEvents.id));
  return rows.map((r) => r.action);
}

export async function lastAudit(orgId: string) {
  const db = await getDb();
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(desc(auditEvents.id)).limit(1);
  return row ?? null;
}

/**
 * Everything a member or invitation operation may touch in one organization, in a comparable form:
 * a refused request must leave it equal. Mail status is left out (delivery runs in the background).
 */
export async function orgState(orgId: string) {
  const db = await getDb();
  const members = await db
    .select({ userId: memberships.userId, role: memberships.role, joinedVia: memberships.joinedVia })
    .from(memberships)
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.userId));
  const invites = await db.select().from(invitations).where(eq(invitations.orgId, orgId)).orderBy(asc(invitations.id));
  const [{ audit }] = await db.select({ audit: count() }).from(auditEvents).where(eq(auditEvents.orgId, orgId));
  const [{ mails }] = await db.select({ mails: count() }).from(mailOutbox);
  return { members, invites, audit, mails };
}

export async function teamMembershipsOf(userId: string) {
  const db = await getDb();
  return db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
}

export async function projectGrantsOf(userId: string) {
  const db = await getDb();
  return db.select({ projectId: projectGrants.projectId }).from(projectGrants).where(eq(projectGrants.userId, userId));
}
