import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { memberships, teamMembers, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, gate, type OrgRole, type TeamRole } from "@/lib/authz";
import { NotFoundError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, keysetQuery, type Page } from "@/lib/pagination";
import { loadTeam, lockOrg } from "./queries";
import { teamMemberInput } from "./schemas";

export type TeamMember = { id: string; name: string; email: string; teamRole: TeamRole; orgRole: OrgRole };

const NO_SUCH_MEMBER = "No such member of this organization.";
const sortKey = sql<string>`${memberships.sortKey} collate "C"`;

const userIdOr404 = (raw: string) => {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new NotFoundError(NO_SUCH_MEMBER);
  return id.data;
};

/** The team's members by name, with their team role and organization role. Keyset pages. */
export async function listTeamMembers(actor: OrgActor, teamSlug: string, input: z.input<typeof keysetQuery> = {}): Promise<Page<TeamMember>> {
  const db = await getDb();
  const { team } = await loadTeam(db, actor, teamSlug);
  const { cursor, limit } = parseInput(keysetQuery, input);
  const after = decodeCursor(cursor, z.tuple([z.string().max(400), z.uuid()]));
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, teamRole: teamMembers.role, orgRole: memberships.role, sortKey })
    .from(teamMembers)
    .innerJoin(memberships, and(eq(memberships.orgId, actor.org.id), eq(memberships.userId, teamMembers.userId)))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, team.id), after ? sql`(${sortKey}, ${users.id}) > (${after[0]} collate "C", ${after[1]}::uuid)` : undefined))
    .orderBy(sortKey, users.id)
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ sortKey: _, ...m }) => m);
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.sortKey, last.id]) : null };
}

/**
 * Adds an organization member to the team, or changes their team role (PUT: idempotent).
 * Maintainers of the team, owners and admins. Only members of the organization join its teams; the
 * organization row is locked (shared) so a concurrent removal from the organization cannot leave
 * a team membership behind.
 */
export async function setTeamMember(actor: OrgActor, teamSlug: string, userId: string, input: z.input<typeof teamMemberInput>): Promise<TeamMember> {
  const db = await getDb();
  gate((await loadTeam(db, actor, teamSlug)).principal, "team.members.manage");
  const targetId = userIdOr404(userId);
  const { role } = parseInput(teamMemberInput, input);
  return db.transaction(async (tx) => {
    await lockOrg(tx, actor.org.id, "share");
    const { team, principal } = await loadTeam(tx, actor, teamSlug, "share");
    authorize(principal, "team.members.manage");
    const [target] = await tx
      .select({ id: users.id, name: users.name, email: users.email, orgRole: memberships.role, teamRole: teamMembers.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(teamMembers, and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, memberships.userId)))
      .where(and(eq(memberships.orgId, actor.org.id), eq(memberships.userId, targetId)));
    if (!target) throw new NotFoundError(NO_SUCH_MEMBER);
    const result = { id: target.id, name: target.name, email: target.email, orgRole: target.orgRole, teamRole: role };
    if (target.teamRole === role) return result;
    await tx.insert(teamMembers).values({ teamId: team.id, userId: targetId, role }).onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], set: { role } });
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: target.teamRole ? "team.member_role_changed" : "team.member_added",
      targetType: "team",
      targetId: team.id,
      targetLabel: `${team.slug}: ${target.email}`,
      before: target.teamRole ? { role: target.teamRole } : null,
      after: { userId: targetId, role },
    });
    return result;
  });
}

/** Takes someone off the team. Maintainers of the team, owners and admins; anyone may leave a team. */
export async function removeTeamMember(actor: OrgActor, teamSlug: string, userId: string): Promise<void> {
  const db = await getDb();
  const targetId = userIdOr404(userId);
  const leaving = targetId === actor.viewer?.id;
  if (!leaving) gate((await loadTeam(db, actor, teamSlug)).principal, "team.members.manage");
  await db.transaction(async (tx) => {
    const { team, principal } = await loadTeam(tx, actor, teamSlug, "share");
    if (!leaving) authorize(principal, "team.members.manage");
    const [gone] = await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, targetId))).returning({ role: teamMembers.role });
    if (!gone) throw new NotFoundError("No such member of this team.");
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "team.member_removed", targetType: "team", targetId: team.id, targetLabel: team.slug, before: { userId: targetId, role: gone.role } });
  });
}
