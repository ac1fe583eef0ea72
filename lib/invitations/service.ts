import { and, desc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { invitations, mailOutbox, memberships, organizations, orgRemovedMembers, projects, users } from "@/db/schema";
import { recordAudit, recordAudits } from "@/lib/audit/record";
import { requireViewer, type Actor, type OrgActor, type Viewer } from "@/lib/auth/context";
import { hashToken } from "@/lib/auth/tokens";
import { accountPrincipal, authorize, can, gate, type OrgRole, type ProjectRole } from "@/lib/authz";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { consume } from "@/lib/rate-limit";
import { joinProject } from "./project";
import { invitationListQuery, invitationRoleInput, inviteInput, parseAddress } from "./schemas";
import { deliveryOf, freshLink, invitationsPerDay, offeredOrgRole, open, statusOf, toOrg, type Delivery, type InvitationStatus } from "./shared";

export type { InvitationStatus } from "./shared";
const ordinals = new Intl.PluralRules("en", { type: "ordinal" });
const SUFFIX: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };
/** 1 → "1st", 3 → "3rd", 11 → "11th". */
export const ordinal = (n: number) => `${n}${SUFFIX[ordinals.select(n)]}`;

export type InviteOutcome = "invited" | "renewed" | "member" | "pending" | "duplicate" | "outranked";
export type InviteResult = { email: string; outcome: InviteOutcome; message: string };

const OUTCOME_MESSAGE: Record<InviteOutcome, string> = {
  invited: "Invitation sent.",
  renewed: "The expired invitation was renewed and sent again.",
  member: "Already a member of this organization.",
  pending: "Already invited; resend the pending invitation instead.",
  duplicate: "Listed more than once; invited once.",
  outranked: "An expired invitation with a role you may not send is waiting: only someone who may send that role can renew it.",
};

/** A new token, expiry and mail for one invitation row (new or renewed), in the caller's transaction. */
function invitationMailRow(inviterName: string, orgName: string, email: string, role: OrgRole) {
  const { url, tokenHash, expiresAt, mailId } = freshLink();
  const mail = invitationMail(email, { inviterName, orgName, role, expiresAt, url });
  return { tokenHash, expiresAt, mailId, mail: { id: mailId, ...mail } };
}

/**
 * Invites up to 50 addresses with one role. Malformed addresses refuse the whole request (fix and
 * resend); members and people already invited are reported per address and skipped; an expired
 * invitation to the same address is renewed. Each invitation, its mail and its audit event are
 * written in one transaction; the mail goes out after commit.
 */
export async function createInvitations(actor: OrgActor, input: z.input<typeof inviteInput>): Promise<{ results: InviteResult[] }> {
  // Whether the caller may invite at all is decided before their input is looked at.
  gate(actor.principal, "invitation.create");
  const viewer = requireViewer(actor);
  // An unverified account reaches nobody (issue 9: pre-takeover).
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first: then you can invite people.");
  const { emails, role } = parseInput(inviteInput, input);
  authorize(actor.principal, "invitation.create", { role });

  const invalid = emails.filter((raw) => parseAddress(raw) === null);
  if (invalid.length) {
    // Named back only when they are plain text; markup is never echoed (DESIGN §7).
    const named = invalid.map((raw) => (/^[^<>&"'\s]{1,100}$/.test(raw) ? raw : `the ${ordinal(emails.indexOf(raw) + 1)} address`));
    const list = named.slice(0, 5).join(", ") + (named.length > 5 ? ` and ${named.length - 5} more` : "");
    throw new ValidationError(`Not valid email addresses: ${list}.`, { emails: `Not valid email addresses: ${list}.` });
  }
  const addresses = emails.map((raw) => parseAddress(raw)!);
  const unique = [...new Set(addresses)];

  const db = await getDb();
  const outcomes = await db.transaction(async (tx) => {
    const outcome = new Map<string, InviteOutcome>();
    const members = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, actor.org.id), inArray(users.email, unique)));
    for (const m of members) outcome.set(m.email, "member");

    const openInvites = await tx
      .select({ id: invitations.id, email: sql<string>`lower(${invitations.email})`, expiresAt: invitations.expiresAt, role: offeredOrgRole })
      .from(invitations)
      .where(and(eq(invitations.orgId, actor.org.id), toOrg, open, inArray(sql`lower(${invitations.email})`, unique)))
      .for("update");
    // Renewing rewrites the invitation: only someone who may send its current role may (an admin
    // must not turn an expired owner invitation into a member one).
    const renewable = (i: (typeof openInvites)[number]) => can(actor.principal, "invitation.manage", { role: i.role });
    const expired = openInvites.filter((i) => i.expiresAt.getTime() <= Date.now() && !outcome.has(i.email) && renewable(i));
    for (const i of openInvites) {
      if (!outcome.has(i.email)) outcome.set(i.email, i.expiresAt.getTime() > Date.now() ? "pending" : renewable(i) ? "renewed" : "outranked");
    }

    const fresh = unique.filter((email) => !outcome.has(email));
    const sending = fresh.length + expired.length;
    if (sending) {
      await consume(tx, `invite:org:${actor.org.id}`, invitationsPerDay(), sending);
      await consume(tx, `invite:user:${viewer.id}`, invitationsPerDay(), sending);
    }

    const rows = fresh.map((email) => ({ email, ...invitationMailRow(viewer.name, actor.org.name, email, role) }));
    // A parallel request may have invited the same address a moment ago: the open-invitation index
    // keeps one, and this request reports the address as pending.
    const inserted = rows.length
      ? await tx
          .insert(invitations)
          .values(rows.map((r) => ({ orgId: actor.org.id, email: r.email, role, tokenHash: r.tokenHash, invitedBy: viewer.id, expiresAt: r.expiresAt, mailId: r.mailId })))
          .onConflictDoNothing()
          .returning({ id: invitations.id, email: invitations.email })
      : [];
    const insertedEmails = new Set(inserted.map((i) => i.email));
    for (const email of fresh) outcome.set(email, insertedEmails.has(email) ? "invited" : "pending");

    const renewed = expired.map((i) => ({ id: i.id, email: i.email, ...invitationMailRow(viewer.name, actor.org.name, i.email, role) }));
    for (const r of renewed) {
      await tx.update(invitations).set({ tokenHash: r.tokenHash, expiresAt: r.expiresAt, mailId: r.mailId, role, invitedBy: viewer.id }).where(eq(invitations.id, r.id));
    }

    const sent = [...rows.filter((r) => insertedEmails.has(r.email)), ...renewed];
    await enqueueMail(tx, ...sent.map((r) => r.mail));
    const ids = new Map([...inserted.map((i) => [i.email, i.id] as const), ...renewed.map((r) => [r.email, r.id] as const)]);
    await recordAudits(
      tx,
      actor,
      sent.map((r) => ({ orgId: actor.org.id, action: "invitation.created", targetType: "invitation", targetId: ids.get(r.email), targetLabel: r.email, after: { email: r.email, role } })),
    );
    return outcome;
  });
  deliverSoon();

  const seen = new Set<string>();
  const results = addresses.map((email) => {
    const result: InviteOutcome = seen.has(email) ? "duplicate" : outcomes.get(email)!;
    seen.add(email);
    return { email, outcome: result, message: OUTCOME_MESSAGE[result] };
  });
  if (!results.some((r) => r.outcome === "invited" || r.outcome === "renewed")) {
    const first = results[0];
    const message = results.length === 1 ? `${first.email}: ${first.message}` : "Nobody new to invite: every address is already a member or invited.";
    throw new ConflictError(message, { emails: message });
  }
  return { results };
}

export type PendingInvitation = {
  id: string;
  email: string;
  role: OrgRole;
  invitedBy: { id: string | null; name: string | null };
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
  delivery: Delivery;
  status: InvitationStatus;
  /** When it was accepted, declined or revoked (null while open: pending or expired). */
  closedAt: Date | null;
};

const notExpired = gt(invitations.expiresAt, sql`now()`);
const STATUS_FILTER = {
  open,
  pending: and(open, notExpired),
  history: sql`not (${and(open, notExpired)})`,
};

/** Invitations to join the organization, newest first, keyset-paginated. Owners and admins. */
export async function listInvitations(actor: OrgActor, input: z.input<typeof invitationListQuery> = {}): Promise<Page<PendingInvitation>> {
  authorize(actor.principal, "invitation.list");
  const { cursor, limit, status } = parseInput(invitationListQuery, input);
  const after = decodeCursor(cursor, z.tuple([z.iso.datetime(), z.uuid()]));
  const db = await getDb();
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: offeredOrgRole,
      inviterId: invitations.invitedBy,
      inviterName: users.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      declinedAt: invitations.declinedAt,
      revokedAt: invitations.revokedAt,
      mailStatus: mailOutbox.status,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(mailOutbox, eq(mailOutbox.id, invitations.mailId))
    .where(
      and(
        eq(invitations.orgId, actor.org.id),
        toOrg,
        STATUS_FILTER[status],
        after ? sql`(${invitations.createdAt}, ${invitations.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    invitedBy: { id: r.inviterId, name: r.inviterName },
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    expired: r.expiresAt.getTime() <= Date.now(),
    delivery: deliveryOf(r.mailStatus),
    status: statusOf(r),
    closedAt: r.acceptedAt ?? r.declinedAt ?? r.revokedAt,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/** How many invitations wait for an answer (not expired): the count beside Invitations in the navigation. */
export async function countPendingInvitations(actor: OrgActor): Promise<number> {
  authorize(actor.principal, "invitation.list");
  const db = await getDb();
  return db.$count(invitations, and(eq(invitations.orgId, actor.org.id), toOrg, STATUS_FILTER.pending));
}

/** The open invitation to the organization with this id, locked for the rest of the transaction. */
async function lockOpenInvitation(tx: Db, actor: OrgActor, invitationId: string) {
  const id = z.uuid().safeParse(invitationId);
  const [row] = id.success
    ? await tx
        .select({ id: invitations.id, email: invitations.email, role: offeredOrgRole })
        .from(invitations)
        .where(and(eq(invitations.id, id.data), eq(invitations.orgId, actor.org.id), toOrg, open))
        .for("update")
    : [];
  if (!row) throw new NotFoundError("No such pending invitation.");
  return row;
}

/** Sends the invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendInvitation(actor: OrgActor, invitationId: string) {
  gate(actor.principal, "invitation.manage");
  const viewer = requireViewer(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const invitation = await lockOpenInvitation(tx, actor, invitationId);
    authorize(actor.principal, "invitation.manage", { role: invitation.role });
    await consume(tx, `invite:org:${actor.org.id}`, invitationsPerDay());
    await consume(tx, `invite:user:${viewer.id}`, invitationsPerDay());
    const next = invitationMailRow(viewer.name, actor.org.name, invitation.email, invitation.role);
    await tx.update(invitations).set({ tokenHash: next.tokenHash, expiresAt: next.expiresAt, mailId: next.mailId, invitedBy: viewer.id }).where(eq(invitations.id, invitation.id));
    await enqueueMail(tx, next.mail);
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "invitation.resent", targetType: "invitation", targetId: invitation.id, targetLabel: invitation.email });
  });
  deliverSoon();
}

export async function revokeInvitation(actor: OrgActor, invitationId: string) {
  gate(actor.principal, "invitation.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const invitation = await lockOpenInvitation(tx, actor, invitationId);
    authorize(actor.principal, "invitation.manage", { role: invitation.role });
    await tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "invitation.revoked", targetType: "invitation", targetId: invitation.id, targetLabel: invitation.email, before: { role: invitation.role } });
  });
}

/** Changes the role a pending invitation offers; the acting person must be allowed both roles. */
export async function changeInvitationRole(actor: OrgActor, invitationId: string, input: z.input<typeof invitationRoleInput>) {
  gate(actor.principal, "invitation.manage");
  const { role } = parseInput(invitationRoleInput, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const invitation = await lockOpenInvitation(tx, actor, invitationId);
    authorize(actor.principal, "invitation.manage", { role: invitation.role });
    authorize(actor.principal, "invitation.create", { role });
    if (role === invitation.role) return;
    await tx.update(invitations).set({ role }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "invitation.role_changed", targetType: "invitation", targetId: invitation.id, targetLabel: invitation.email, before: { role: invitation.role }, after: { role } });
  });
}

/** What an invitation offers: a membership with an organization role, or one project with a project role. */
export type Offer = { project: null; role: OrgRole } | { project: { slug: string; name: string }; role: ProjectRole };

/** The offer of an invitation row (project_id and project_role come together, the CHECK says so). */
function offerOf(row: { role: OrgRole | null; projectRole: ProjectRole | null; project: { slug: string; name: string } | null }): Offer {
  return row.project && row.projectRole ? { project: row.project, role: row.projectRole } : { project: null, role: row.role! };
}

const offerColumns = { role: invitations.role, projectRole: invitations.projectRole, project: { slug: projects.slug, name: projects.name } };

/**
 * What an invitation link shows: organization (and project), inviter, role, address, status. The
 * token is the capability; nothing else is needed to read it, and reading changes nothing.
 */
export async function getInvitationByToken(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      ...offerColumns,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      declinedAt: invitations.declinedAt,
      revokedAt: invitations.revokedAt,
      org: { id: organizations.id, slug: organizations.slug, name: organizations.name },
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(organizations, and(eq(organizations.id, invitations.orgId), isNull(organizations.deletedAt)))
    .leftJoin(projects, eq(projects.id, invitations.projectId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) throw new NotFoundError("This invitation link is not valid. It may have been replaced by a newer one.");
  return { email: row.email, ...offerOf(row), expiresAt: row.expiresAt, org: row.org, inviterName: row.inviterName, status: statusOf(row) };
}

type Respond = { accept: true } | { accept: false };
/** What accepting or declining answers: where the invitation leads and what it offered. */
export type AcceptedInvitation = { orgSlug: string; orgName: string } & Offer;

/**
 * Whether the viewer's address counts as theirs for an invitation of this organization: verified for
 * everyone, or vouched for at this sign-in by the organization's own identity provider.
 */
export const emailTrustedFor = (viewer: Viewer, orgId: string) => viewer.emailVerified || viewer.credential.emailVouchedBy === orgId;

/**
 * Accepts or declines an invitation as the signed-in person, whose verified email must be the
 * invited one. The invitation row is locked, so parallel accepts create one membership (or one
 * project grant) and one audit event; accepting again is a no-op that answers the same.
 */
async function respond(actor: Actor, where: SQL, { accept }: Respond): Promise<AcceptedInvitation> {
  const viewer = requireViewer(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({
        id: invitations.id,
        orgId: invitations.orgId,
        email: invitations.email,
        ...offerColumns,
        projectId: invitations.projectId,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        acceptedBy: invitations.acceptedBy,
        declinedAt: invitations.declinedAt,
        revokedAt: invitations.revokedAt,
        orgSlug: organizations.slug,
        orgName: organizations.name,
      })
      .from(invitations)
      .innerJoin(organizations, and(eq(organizations.id, invitations.orgId), isNull(organizations.deletedAt)))
      .leftJoin(projects, eq(projects.id, invitations.projectId))
      .where(where)
      .for("update", { of: invitations });
    if (!invitation) throw new NotFoundError("This invitation link is not valid. It may have been replaced by a newer one.");
    const offer = offerOf(invitation);
    const result: AcceptedInvitation = { orgSlug: invitation.orgSlug, orgName: invitation.orgName, ...offer };
    const status = statusOf(invitation);
    if (status === "accepted" && accept && invitation.acceptedBy === viewer.id) return result;
    if (status === "declined" && !accept && invitation.email.toLowerCase() === viewer.email) return result;
    if (status !== "pending") throw new ConflictError(status === "expired" ? "This invitation has expired. Ask for a new one." : `This invitation was already ${status}.`);
    authorize(accountPrincipal({ signedIn: true, token: viewer.credential.restriction }), "invitation.accept", {
      invitedEmail: invitation.email,
      viewerEmail: viewer.email,
      emailTrusted: emailTrustedFor(viewer, invitation.orgId),
    });

    if (!accept) {
      await tx.update(invitations).set({ declinedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
      const [action, label] = offer.project ? ["project.invitation_declined", `${offer.project.slug}: ${invitation.email}`] : ["invitation.declined", invitation.email];
      await recordAudit(tx, { ...actor, role: null }, { orgId: invitation.orgId, action, targetType: "invitation", targetId: invitation.id, targetLabel: label });
      return result;
    }
    await tx.update(invitations).set({ acceptedAt: sql`now()`, acceptedBy: viewer.id }).where(eq(invitations.id, invitation.id));
    if (offer.project) {
      await joinProject(tx, actor, viewer, { orgId: invitation.orgId, projectId: invitation.projectId!, projectSlug: offer.project.slug, role: offer.role });
      return result;
    }
    // Invited back after a removal: open join and SSO may let them in again from now on.
    await tx.delete(orgRemovedMembers).where(and(eq(orgRemovedMembers.orgId, invitation.orgId), eq(orgRemovedMembers.userId, viewer.id)));
    const joined = await tx
      .insert(memberships)
      .values({ orgId: invitation.orgId, userId: viewer.id, role: offer.role, joinedVia: "invitation" })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    await tx.update(users).set({ lastOrgId: invitation.orgId }).where(eq(users.id, viewer.id));
    await recordAudit(tx, { ...actor, role: offer.role }, {
      orgId: invitation.orgId,
      action: "member.joined",
      targetType: "user",
      targetId: viewer.id,
      targetLabel: viewer.email,
      after: { role: offer.role, via: "invitation", ...(joined.length ? {} : { note: "already a member; role unchanged" }) },
    });
    return result;
  });
}

export const acceptInvitation = (actor: Actor, token: string) => respond(actor, eq(invitations.tokenHash, hashToken(token)), { accept: true });
export const declineInvitation = (actor: Actor, token: string) => respond(actor, eq(invitations.tokenHash, hashToken(token)), { accept: false });

/** Accepts one of the signed-in person's own invitations from their list (no link needed). */
export async function acceptMyInvitation(actor: Actor, invitationId: string) {
  const id = z.uuid().safeParse(invitationId);
  if (!id.success) throw new NotFoundError("No such invitation.");
  return respond(actor, and(eq(invitations.id, id.data), toOrg)!, { accept: true });
}

/**
 * Pending invitations to join an organization addressed to the signed-in person, in every
 * organization (project invitations are answered from their link). Only once their
 * address is verified: an account that merely claims an address learns nothing about its mail.
 */
export async function listMyInvitations(actor: Actor) {
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) return [];
  const db = await getDb();
  return db
    .select({ id: invitations.id, role: offeredOrgRole, expiresAt: invitations.expiresAt, org: { slug: organizations.slug, name: organizations.name }, inviterName: users.name })
    .from(invitations)
    .innerJoin(organizations, and(eq(organizations.id, invitations.orgId), isNull(organizations.deletedAt)))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(sql`lower(${invitations.email}) = ${viewer.email}`, toOrg, open, gt(invitations.expiresAt, sql`now()`)))
    .orderBy(desc(invitations.createdAt))
    .limit(50);
}

/** Whether `token` is a live invitation to `email`: a sign-up through it proves the address. */
export async function isLiveInvitationFor(tx: Db, token: string, email: string) {
  const [row] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, hashToken(token)), open, gt(invitations.expiresAt, sql`now()`), sql`lower(${invitations.email}) = ${email}`));
  return Boolean(row);
}

/** Revokes the invitations a departing member sent that are still open. */
export async function revokeInvitationsSentBy(tx: Db, orgId: string, userId: string) {
  await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.invitedBy, userId), open));
}

