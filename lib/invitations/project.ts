import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { invitations, mailOutbox, memberships, projectGrants, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor, type OrgActor, type Viewer } from "@/lib/auth/context";
import { authorize, gate, ROLE_LABELS, type ProjectRole } from "@/lib/authz";
import { ConflictError, ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { projectInvitationMail } from "@/lib/mail/templates";
import { decodeCursor, encodeCursor, keysetQuery, type Page } from "@/lib/pagination";
import { consume } from "@/lib/rate-limit";
import { setCollaborator, type CollaboratorGrant } from "@/lib/projects/grants";
import { loadProject, type ProjectRow } from "@/lib/projects/queries";
import { projectInvitationInput } from "./schemas";
import { deliveryOf, freshLink, invitationsPerDay, open, type Delivery } from "./shared";

// Outside collaborators: invited by email to one project with a project role. The same invitation
// rows, links, expiry, limits and accept page as organization invitations; accepting creates a
// project grant and no membership. Organization members (and people who already collaborate on
// the project) need no invitation: they get the grant directly, as on GitHub.

export type ProjectInvitation = {
  id: string;
  email: string;
  role: ProjectRole;
  invitedBy: { id: string | null; name: string | null };
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
  delivery: Delivery;
};

export type ProjectInviteResult =
  | { outcome: "invited" | "renewed"; email: string; role: ProjectRole; message: string; invitation: { id: string; expiresAt: Date } }
  | { outcome: "granted"; email: string; role: ProjectRole; message: string; grant: CollaboratorGrant };

const ALREADY_INVITED = "This address already has a pending invitation to this project: resend it instead.";

/** Loads the project for a change by a project admin: the floor is checked before input is parsed. */
async function forInvitationChange(actor: OrgActor, projectSlug: string) {
  const db = await getDb();
  const { project, principal } = await loadProject(db, actor, projectSlug);
  gate(principal, "project.grant");
  return { db, viewer: requireViewer(actor), project, principal };
}

/** The daily limits of organization invitations count these too: per organization and per inviter. */
async function countAgainstLimits(tx: Db, actor: OrgActor, viewer: Viewer) {
  await consume(tx, `invite:org:${actor.org.id}`, invitationsPerDay());
  await consume(tx, `invite:user:${viewer.id}`, invitationsPerDay());
}

function invitationMail(viewer: Viewer, actor: OrgActor, project: ProjectRow, email: string, role: ProjectRole) {
  const link = freshLink();
  const mail = projectInvitationMail(email, { inviterName: viewer.name, orgName: actor.org.name, projectName: project.name, role, expiresAt: link.expiresAt, url: link.url });
  return { link, mail: { id: link.mailId, ...mail } };
}

/**
 * Invites one address to the project with a project role, up to the inviting admin's own role
 * (project.grant). An organization member or someone who already collaborates on the project gets
 * the role directly instead (no invitation, no mail). An expired invitation to the same address is
 * renewed; a pending one is a 409 (resend it instead).
 */
export async function inviteToProject(actor: OrgActor, projectSlug: string, input: z.input<typeof projectInvitationInput>): Promise<ProjectInviteResult> {
  const { db, viewer, project, principal } = await forInvitationChange(actor, projectSlug);
  // An unverified account reaches nobody (issue 9: pre-takeover).
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first: then you can invite people.");
  const { email, role } = parseInput(projectInvitationInput, input);
  authorize(principal, "project.grant", { role });

  const [known] = await db
    .select({ id: users.id, name: users.name, member: memberships.role, collaborator: projectGrants.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.orgId, actor.org.id), eq(memberships.userId, users.id)))
    .leftJoin(projectGrants, and(eq(projectGrants.projectId, project.id), eq(projectGrants.userId, users.id)))
    .where(eq(users.email, email));
  if (known && (known.member || known.collaborator)) {
    const grant = await setCollaborator(actor, projectSlug, known.id, { role });
    const why = known.member ? `${known.name} is a member of ${actor.org.name}: no invitation needed, they have ${ROLE_LABELS.project[role]} access directly.` : `${known.name} already collaborates on this project: their direct role is ${ROLE_LABELS.project[role]} now.`;
    return { outcome: "granted", email, role, message: grant.note ? `${why} ${grant.note}` : why, grant };
  }

  const result = await db.transaction(async (tx) => {
    const { project: locked, principal: current } = await loadProject(tx, actor, projectSlug, "share");
    authorize(current, "project.grant", { role });
    const [existing] = await tx
      .select({ id: invitations.id, role: invitations.projectRole, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.projectId, locked.id), open, sql`lower(${invitations.email}) = ${email}`))
      .for("update");
    if (existing && existing.expiresAt.getTime() > Date.now()) throw new ConflictError(ALREADY_INVITED, { email: ALREADY_INVITED });
    // Renewing rewrites the invitation: only someone who may send its current role may.
    if (existing) authorize(current, "project.grant", { role: existing.role! });
    await countAgainstLimits(tx, actor, viewer);
    const { link, mail } = invitationMail(viewer, actor, locked, email, role);
    const values = { tokenHash: link.tokenHash, expiresAt: link.expiresAt, mailId: link.mailId, projectRole: role, invitedBy: viewer.id };
    const [saved] = existing
      ? await tx.update(invitations).set(values).where(eq(invitations.id, existing.id)).returning({ id: invitations.id })
      : // A parallel request may have invited the same address a moment ago: the open-invitation index keeps one.
        await tx
          .insert(invitations)
          .values({ ...values, orgId: actor.org.id, projectId: locked.id, email })
          .onConflictDoNothing()
          .returning({ id: invitations.id });
    if (!saved) throw new ConflictError(ALREADY_INVITED, { email: ALREADY_INVITED });
    await enqueueMail(tx, mail);
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "project.invitation_sent",
      targetType: "invitation",
      targetId: saved.id,
      targetLabel: `${locked.slug}: ${email}`,
      after: { email, project: locked.slug, role, ...(existing ? { renewed: true } : {}) },
    });
    return { id: saved.id, expiresAt: link.expiresAt, renewed: Boolean(existing) };
  });
  deliverSoon();
  return {
    outcome: result.renewed ? "renewed" : "invited",
    email,
    role,
    message: result.renewed ? `The expired invitation to ${email} was renewed and sent again.` : `Invitation sent to ${email}.`,
    invitation: { id: result.id, expiresAt: result.expiresAt },
  };
}

/** The project's open invitations (pending and expired), newest first, keyset-paginated. Project admins. */
export async function listProjectInvitations(actor: OrgActor, projectSlug: string, input: z.input<typeof keysetQuery> = {}): Promise<Page<ProjectInvitation>> {
  const db = await getDb();
  const { project, principal } = await loadProject(db, actor, projectSlug);
  authorize(principal, "project.admin");
  const { cursor, limit } = parseInput(keysetQuery, input);
  const after = decodeCursor(cursor, z.tuple([z.iso.datetime(), z.uuid()]));
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.projectRole,
      inviterId: invitations.invitedBy,
      inviterName: users.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      mailStatus: mailOutbox.status,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(mailOutbox, eq(mailOutbox.id, invitations.mailId))
    .where(
      and(
        eq(invitations.projectId, project.id),
        open,
        after ? sql`(${invitations.createdAt}, ${invitations.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role!,
    invitedBy: { id: r.inviterId, name: r.inviterName },
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    expired: r.expiresAt.getTime() <= Date.now(),
    delivery: deliveryOf(r.mailStatus),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/** The project's open invitation with this id, locked, after the caller may manage its role. */
async function lockProjectInvitation(tx: Db, actor: OrgActor, projectSlug: string, invitationId: string) {
  const { project, principal } = await loadProject(tx, actor, projectSlug, "share");
  authorize(principal, "project.admin");
  const id = z.uuid().safeParse(invitationId);
  const [row] = id.success
    ? await tx
        .select({ id: invitations.id, email: invitations.email, role: invitations.projectRole })
        .from(invitations)
        .where(and(eq(invitations.id, id.data), eq(invitations.projectId, project.id), open))
        .for("update")
    : [];
  if (!row) throw new NotFoundError("No such pending invitation to this project.");
  authorize(principal, "project.grant", { role: row.role! });
  return { project, invitation: { ...row, role: row.role! } };
}

/** Sends the invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendProjectInvitation(actor: OrgActor, projectSlug: string, invitationId: string): Promise<void> {
  const { db, viewer } = await forInvitationChange(actor, projectSlug);
  await db.transaction(async (tx) => {
    const { project, invitation } = await lockProjectInvitation(tx, actor, projectSlug, invitationId);
    await countAgainstLimits(tx, actor, viewer);
    const { link, mail } = invitationMail(viewer, actor, project, invitation.email, invitation.role);
    await tx.update(invitations).set({ tokenHash: link.tokenHash, expiresAt: link.expiresAt, mailId: link.mailId, invitedBy: viewer.id }).where(eq(invitations.id, invitation.id));
    await enqueueMail(tx, mail);
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "project.invitation_resent", targetType: "invitation", targetId: invitation.id, targetLabel: `${project.slug}: ${invitation.email}` });
  });
  deliverSoon();
}

/** Withdraws the invitation: its link stops working. */
export async function revokeProjectInvitation(actor: OrgActor, projectSlug: string, invitationId: string): Promise<void> {
  const { db } = await forInvitationChange(actor, projectSlug);
  await db.transaction(async (tx) => {
    const { project, invitation } = await lockProjectInvitation(tx, actor, projectSlug, invitationId);
    await tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "project.invitation_revoked",
      targetType: "invitation",
      targetId: invitation.id,
      targetLabel: `${project.slug}: ${invitation.email}`,
      before: { role: invitation.role },
    });
  });
}

/**
 * The accepting half, inside respond()'s transaction (lib/invitations/service.ts), which has locked
 * and checked the invitation: a direct grant on the project, and no membership. Someone who has a
 * direct grant already keeps it as it is.
 */
export async function joinProject(tx: Db, actor: Actor, viewer: Viewer, offer: { orgId: string; projectId: string; projectSlug: string; role: ProjectRole }) {
  const granted = await tx
    .insert(projectGrants)
    .values({ projectId: offer.projectId, userId: viewer.id, role: offer.role })
    .onConflictDoNothing()
    .returning({ role: projectGrants.role });
  await recordAudit(tx, { ...actor, role: null }, {
    orgId: offer.orgId,
    action: "project.collaborator_joined",
    targetType: "project",
    targetId: offer.projectId,
    targetLabel: `${offer.projectSlug}: ${viewer.email}`,
    after: { userId: viewer.id, role: offer.role, via: "invitation", ...(granted.length ? {} : { note: "already a collaborator; role unchanged" }) },
  });
}
