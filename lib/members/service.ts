import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { memberships, organizations, orgRemovedMembers, projectGrants, projects, sessions, teamMembers, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, withRole, type OrgActor } from "@/lib/auth/context";
import { authorize, can, gate, type OrgRole } from "@/lib/authz";
import { ConflictError, NotFoundError, parseInput } from "@/lib/errors";
import { revokeInvitationsSentBy } from "@/lib/invitations/service";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { memberListQuery, memberRoleInput } from "./schemas";

/**
 * lastActiveAt and lastSignInMethod come from the person's most recently used session (none: never
 * signed in, or all expired); they are null for callers who may not see members' activity.
 */
export type Member = { id: string; name: string; email: string; role: OrgRole; joinedAt: Date; joinedVia: string; lastActiveAt: Date | null; lastSignInMethod: string | null };

// The membership's copy of lower(name) in byte order ("C"), as memberships_org_sort_idx is built: a
// page of one organization is a range of its own index entries, however many people the instance
// holds. Selected under an alias so a UNION can sort by it.
const sortKey = sql<string>`${memberships.sortKey} collate "C"`;
const sortName = sql<string>`${memberships.sortKey} collate "C"`.as("sort_name");
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
// Per row of a page, each an index lookup on sessions_user_idx.
const lastActiveAt = sql<Date | null>`(select max(${sessions.lastUsedAt}) from ${sessions} where ${sessions.userId} = ${users.id})`.mapWith(
  (value: string | Date | null) => (value === null ? null : new Date(value)),
);
const lastSignInMethod = sql<string | null>`(select ${sessions.method} from ${sessions} where ${sessions.userId} = ${users.id} order by ${sessions.lastUsedAt} desc limit 1)`;

/**
 * Members by name (then id), keyset-paginated: each page is an index range scan, as fast at the
 * 50,000th member as at the first. The search matches the start of a name or of an email; the two
 * are separate branches of a UNION, so each stays a range scan on its own index (an OR of the two
 * would make PostgreSQL filter its way through the whole name index).
 */
export async function listMembers(actor: OrgActor, input: z.input<typeof memberListQuery> = {}): Promise<Page<Member>> {
  authorize(actor.principal, "org.view");
  const { query, role, cursor, limit } = parseInput(memberListQuery, input);
  const after = decodeCursor(cursor, z.tuple([z.string().max(400), z.uuid()]));
  const prefix = query ? `${escapeLike(query.toLowerCase())}%` : null;
  const activity = can(actor.principal, "member.activity.view");
  const db = await getDb();
  const branch = (match?: SQL) =>
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        joinedAt: memberships.createdAt,
        joinedVia: memberships.joinedVia,
        lastActiveAt: (activity ? lastActiveAt : sql<Date | null>`null`).as("last_active_at"),
        lastSignInMethod: (activity ? lastSignInMethod : sql<string | null>`null`).as("last_sign_in_method"),
        sortName,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.orgId, actor.org.id),
          role ? eq(memberships.role, role) : undefined,
          match,
          // memberships.user_id, not users.id: only then is the cursor a condition of memberships_org_sort_idx
          // (a deep page a short range scan, not a filter over the whole organization).
          after ? sql`(${sortKey}, ${memberships.userId}) > (${after[0]} collate "C", ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(sortKey, memberships.userId)
      .limit(limit + 1);
  const rows = prefix
    ? await union(branch(sql`${sortKey} like ${prefix}`), branch(sql`${users.email} collate "C" like ${prefix}`))
        .orderBy(sql`sort_name`, sql`id`)
        .limit(limit + 1)
    : await branch();
  const items = rows.slice(0, limit).map(({ sortName: _, ...member }) => member);
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.sortName, last.id]) : null };
}

/** How many people are in the organization. */
export async function countMembers(actor: OrgActor): Promise<number> {
  authorize(actor.principal, "org.view");
  const db = await getDb();
  return db.$count(memberships, eq(memberships.orgId, actor.org.id));
}

/**
 * Every member matching the filters, page by page (100 at a time), for an export streamed to the
 * client: however large the organization, only one page is in memory.
 */
export async function* eachMember(actor: OrgActor, input: Omit<z.input<typeof memberListQuery>, "cursor" | "limit"> = {}): AsyncGenerator<Member> {
  let cursor: string | undefined;
  do {
    const page = await listMembers(actor, { ...input, cursor, limit: 100 });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Locks the organization row and returns its owner count and the acting person's current role, so
 * concurrent demotions, removals and departures are decided one at a time on fresh data and can
 * never leave the organization without an owner (DESIGN §3).
 */
async function lockForMembershipChange(tx: Db, actor: OrgActor, targetId: string) {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, actor.org.id)).for("update");
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, actor.org.id), inArray(memberships.userId, [actor.viewer?.id ?? targetId, targetId])));
  const owners = await tx.$count(memberships, and(eq(memberships.orgId, actor.org.id), eq(memberships.role, "owner")));
  const actorRole = rows.find((r) => r.userId === actor.viewer?.id)?.role ?? null;
  const target = rows.find((r) => r.userId === targetId);
  // The role read under the lock decides, not the one read when the request began.
  return { owners, actorRole, target, locked: withRole(actor, actorRole) };
}

const LAST_OWNER = "An organization needs at least one owner. Make someone else an owner first.";

/** Removes a person from an organization with everything that hangs on the membership. */
async function deleteMembership(tx: Db, orgId: string, userId: string) {
  const orgTeams = tx.select({ id: teams.id }).from(teams).where(eq(teams.orgId, orgId));
  const orgProjects = tx.select({ id: projects.id }).from(projects).where(eq(projects.orgId, orgId));
  await tx.delete(teamMembers).where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, orgTeams)));
  await tx.delete(projectGrants).where(and(eq(projectGrants.userId, userId), inArray(projectGrants.projectId, orgProjects)));
  await revokeInvitationsSentBy(tx, orgId, userId);
  await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  await tx.update(users).set({ lastOrgId: null }).where(and(eq(users.id, userId), eq(users.lastOrgId, orgId)));
}

const validUserId = (userId: string) => {
  const id = z.uuid().safeParse(userId);
  if (!id.success) throw new NotFoundError("No such member.");
  return id.data;
};

export async function changeMemberRole(actor: OrgActor, userId: string, input: z.input<typeof memberRoleInput>) {
  // The request's view of the caller first, so outsiders never take the lock; again under it.
  gate(actor.principal, "member.remove");
  const targetId = validUserId(userId);
  const { role } = parseInput(memberRoleInput, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { owners, target, locked } = await lockForMembershipChange(tx, actor, targetId);
    if (!target) throw new NotFoundError("No such member.");
    authorize(locked.principal, "member.role.change", { currentRole: target.role, newRole: role });
    if (target.role === role) return { id: target.userId, role };
    if (target.role === "owner" && owners <= 1) throw new ConflictError(LAST_OWNER);
    await tx.update(memberships).set({ role }).where(and(eq(memberships.orgId, actor.org.id), eq(memberships.userId, targetId)));
    await recordAudit(tx, locked, { orgId: actor.org.id, action: "member.role_changed", targetType: "user", targetId, targetLabel: target.email, before: { role: target.role }, after: { role } });
    return { id: target.userId, role };
  });
}

export async function removeMember(actor: OrgActor, userId: string) {
  // The request's view of the caller first, so outsiders never take the lock; again under it.
  gate(actor.principal, "member.remove");
  const targetId = validUserId(userId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { owners, target, locked } = await lockForMembershipChange(tx, actor, targetId);
    if (!target) throw new NotFoundError("No such member.");
    authorize(locked.principal, "member.remove", { role: target.role });
    if (target.role === "owner" && owners <= 1) throw new ConflictError(LAST_OWNER);
    await deleteMembership(tx, actor.org.id, targetId);
    // Removed means out: open join and SSO sign-in do not bring them back, only a new invitation.
    await tx.insert(orgRemovedMembers).values({ orgId: actor.org.id, userId: targetId }).onConflictDoNothing();
    await recordAudit(tx, locked, { orgId: actor.org.id, action: "member.removed", targetType: "user", targetId, targetLabel: target.email, before: { role: target.role } });
  });
}

export async function leaveOrg(actor: OrgActor) {
  gate(actor.principal, "org.leave");
  const viewer = requireViewer(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { owners, actorRole, locked } = await lockForMembershipChange(tx, actor, viewer.id);
    const isLastOwner = actorRole === "owner" && owners <= 1;
    if (isLastOwner) throw new ConflictError("You are the last owner. Make someone else an owner, or delete the organization.");
    authorize(locked.principal, "org.leave", { isLastOwner });
    await deleteMembership(tx, actor.org.id, viewer.id);
    await recordAudit(tx, locked, { orgId: actor.org.id, action: "member.left", targetType: "user", targetId: viewer.id, targetLabel: viewer.email, before: { role: actorRole } });
  });
}

/** Whether the caller is the organization's only owner (so may not leave it). */
export async function isLastOwner(actor: OrgActor): Promise<boolean> {
  authorize(actor.principal, "org.view");
  if (actor.role !== "owner") return false;
  const db = await getDb();
  return (await db.$count(memberships, and(eq(memberships.orgId, actor.org.id), eq(memberships.role, "owner")))) <= 1;
}
