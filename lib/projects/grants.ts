import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { memberships, projectGrants, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, gate, orgPrincipal, resolveProjectRole, ROLE_LABELS, type ProjectAccess, type ProjectRole } from "@/lib/authz";
import { NotFoundError, parseInput } from "@/lib/errors";
import { lockOrg } from "@/lib/teams/queries";
import { loadProject, personFacts, type ProjectRow } from "./queries";
import { grantInput } from "./schemas";

/** A grant as saved, with the person's resulting access: a grant below what they inherit changes nothing, and says so. */
export type CollaboratorGrant = { userId: string; role: ProjectRole; access: ProjectAccess; note: string | null };
export type TeamGrant = { team: { id: string; slug: string; name: string }; role: ProjectRole };

const NO_SUCH_PERSON = "No such member of this organization or collaborator of this project. Invite outside collaborators by email.";

const userIdOr404 = (raw: string) => {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new NotFoundError(NO_SUCH_PERSON);
  return id.data;
};

/** Loads the project, checks the floor before input is parsed, then locks for the change. */
async function forGrantChange(actor: OrgActor, projectSlug: string) {
  const db = await getDb();
  gate((await loadProject(db, actor, projectSlug)).principal, "project.admin");
  return db;
}

async function accessOf(tx: Db, actor: OrgActor, project: ProjectRow, userId: string) {
  const facts = await personFacts(tx, actor.org.id, project.id, userId);
  const org = orgPrincipal({ signedIn: true, membershipRole: facts.role, orgVisibility: actor.org.visibility });
  return resolveProjectRole(org, { visibility: project.visibility, grants: facts.grants });
}

/**
 * Grants a person a project role directly (PUT: idempotent), up to the granting admin's own role.
 * Organization members, or people who already collaborate on the project; outsiders come in by
 * invitation. The organization row is locked (shared) so a concurrent removal from the
 * organization either sees this grant and deletes it, or happens first and refuses it.
 */
export async function setCollaborator(actor: OrgActor, projectSlug: string, userId: string, input: z.input<typeof grantInput>): Promise<CollaboratorGrant> {
  const db = await forGrantChange(actor, projectSlug);
  const targetId = userIdOr404(userId);
  const { role } = parseInput(grantInput, input);
  return db.transaction(async (tx) => {
    await lockOrg(tx, actor.org.id, "share");
    const { project, principal } = await loadProject(tx, actor, projectSlug, "share");
    authorize(principal, "project.grant", { role });
    const [target] = await tx
      .select({ email: users.email, member: memberships.role, current: projectGrants.role })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.orgId, actor.org.id), eq(memberships.userId, users.id)))
      .leftJoin(projectGrants, and(eq(projectGrants.projectId, project.id), eq(projectGrants.userId, users.id)))
      .where(eq(users.id, targetId));
    if (!target || (!target.member && !target.current)) throw new NotFoundError(NO_SUCH_PERSON);
    if (target.current !== role) {
      await tx.insert(projectGrants).values({ projectId: project.id, userId: targetId, role }).onConflictDoUpdate({ target: [projectGrants.projectId, projectGrants.userId], set: { role } });
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: target.current ? "project.grant_changed" : "project.granted",
        targetType: "project",
        targetId: project.id,
        targetLabel: `${project.slug}: ${target.email}`,
        before: target.current ? { role: target.current } : null,
        after: { userId: targetId, role },
      });
    }
    const access = await accessOf(tx, actor, project, targetId);
    const note =
      access.role && access.role !== role
        ? `Their role stays ${ROLE_LABELS.project[access.role]}: a direct grant adds access, it never lowers what they receive from ${access.winner?.via === "team" ? `the team ${access.winner.team.name}` : "their organization role"}.`
        : null;
    return { userId: targetId, role, access, note };
  });
}

/** Removes a person's direct grant. Project admins. An outside collaborator's last grant leaves nothing behind. */
export async function removeCollaborator(actor: OrgActor, projectSlug: string, userId: string): Promise<void> {
  const db = await forGrantChange(actor, projectSlug);
  const targetId = userIdOr404(userId);
  await db.transaction(async (tx) => {
    const { project, principal } = await loadProject(tx, actor, projectSlug, "share");
    authorize(principal, "project.admin");
    const [gone] = await tx.delete(projectGrants).where(and(eq(projectGrants.projectId, project.id), eq(projectGrants.userId, targetId))).returning({ role: projectGrants.role });
    if (!gone) throw new NotFoundError("This person has no direct grant on this project.");
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "project.grant_removed", targetType: "project", targetId: project.id, targetLabel: project.slug, before: { userId: targetId, role: gone.role } });
  });
}

/**
 * Grants a team a project role (PUT: idempotent); its members and the members of every team below
 * it receive it. The team row is locked (shared): a concurrent team deletion either waits and then
 * takes the grant with it, or happens first and the grant is refused.
 */
export async function setTeamGrant(actor: OrgActor, projectSlug: string, teamSlug: string, input: z.input<typeof grantInput>): Promise<TeamGrant> {
  const db = await forGrantChange(actor, projectSlug);
  const { role } = parseInput(grantInput, input);
  return db.transaction(async (tx) => {
    const { project, principal } = await loadProject(tx, actor, projectSlug, "share");
    authorize(principal, "project.grant", { role });
    const [team] = await tx
      .select({ id: teams.id, slug: teams.slug, name: teams.name, current: projectGrants.role })
      .from(teams)
      .leftJoin(projectGrants, and(eq(projectGrants.projectId, project.id), eq(projectGrants.teamId, teams.id)))
      .where(and(eq(teams.orgId, actor.org.id), eq(teams.slug, teamSlug.toLowerCase().slice(0, 100))))
      .for("share", { of: teams });
    if (!team) throw new NotFoundError("No such team.");
    if (team.current !== role) {
      await tx.insert(projectGrants).values({ projectId: project.id, teamId: team.id, role }).onConflictDoUpdate({ target: [projectGrants.projectId, projectGrants.teamId], set: { role } });
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: team.current ? "project.grant_changed" : "project.granted",
        targetType: "project",
        targetId: project.id,
        targetLabel: `${project.slug}: team ${team.slug}`,
        before: team.current ? { role: team.current } : null,
        after: { teamId: team.id, role },
      });
    }
    return { team: { id: team.id, slug: team.slug, name: team.name }, role };
  });
}

export async function removeTeamGrant(actor: OrgActor, projectSlug: string, teamSlug: string): Promise<void> {
  const db = await forGrantChange(actor, projectSlug);
  await db.transaction(async (tx) => {
    const { project, principal } = await loadProject(tx, actor, projectSlug, "share");
    authorize(principal, "project.admin");
    const [team] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.orgId, actor.org.id), eq(teams.slug, teamSlug.toLowerCase().slice(0, 100))));
    const [gone] = team ? await tx.delete(projectGrants).where(and(eq(projectGrants.projectId, project.id), eq(projectGrants.teamId, team.id))).returning({ role: projectGrants.role }) : [];
    if (!gone) throw new NotFoundError("This team has no grant on this project.");
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "project.grant_removed", targetType: "project", targetId: project.id, targetLabel: `${project.slug}: team ${teamSlug}`, before: { teamId: team!.id, role: gone.role } });
  });
}
