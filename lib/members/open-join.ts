import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { invitations, memberships, orgAuthSettings, orgDomains, organizations, orgRemovedMembers, users } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { domainOfEmail } from "@/lib/domains/names";
import { verifiedClaim } from "@/lib/domains/service";
import { requireViewer, type Actor, type OrgActor, type Viewer } from "@/lib/auth/context";
import { authorize, gate, ssoSatisfied, type JoinRefusal } from "@/lib/authz";
import { inviteOnlyInstance } from "@/lib/config";
import { toOrg } from "@/lib/invitations/shared";
import { ConflictError } from "@/lib/errors";
import { ssoMethodsOf } from "@/lib/sso/providers";

/** Someone who may join by open join: their address, whose word vouches for it, and how they signed in. */
export type JoinCandidate = {
  id: string;
  name: string;
  email: string;
  /** Verified for everyone (an email link, or an instance provider that verifies addresses). */
  emailVerified: boolean;
  /** The organization whose identity provider vouched for the address at this sign-in, if any. */
  emailVouchedBy: string | null;
  method: string;
};

export type OpenJoinOffer = { org: { id: string; slug: string; name: string }; role: "member" | "viewer"; refusal: JoinRefusal | null };

export const candidateOf = (viewer: Viewer): JoinCandidate => ({
  id: viewer.id,
  name: viewer.name,
  email: viewer.email,
  emailVerified: viewer.emailVerified,
  emailVouchedBy: viewer.credential.emailVouchedBy,
  method: viewer.credential.method,
});

// Only an invitation to join counts: an outside collaborator's project invitation does not stand in open join's way.
const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), isNull(invitations.declinedAt), gt(invitations.expiresAt, sql`now()`));

/**
 * The organization that holds the candidate's email domain verified (one at most) and whether its
 * open join admits them now, in one query. Null when no organization holds it verified.
 */
export async function openJoinOffer(db: Db, who: JoinCandidate): Promise<OpenJoinOffer | null> {
  const domain = domainOfEmail(who.email);
  if (!domain) return null;
  const [row] = await db
    .select({
      org: { id: organizations.id, slug: organizations.slug, name: organizations.name },
      settings: { openJoin: orgAuthSettings.openJoin, defaultRole: orgAuthSettings.defaultRole, requireSso: orgAuthSettings.requireSso, providers: orgAuthSettings.providers, oidcIssuer: orgAuthSettings.oidcIssuer },
      member: memberships.role,
      removed: orgRemovedMembers.userId,
      invited: sql<boolean>`exists (${db.select({ one: sql`1` }).from(invitations).where(and(eq(invitations.orgId, organizations.id), toOrg, sql`lower(${invitations.email}) = ${who.email}`, open))})`,
    })
    .from(orgDomains)
    .innerJoin(organizations, and(eq(organizations.id, orgDomains.orgId), isNull(organizations.deletedAt)))
    .leftJoin(orgAuthSettings, eq(orgAuthSettings.orgId, organizations.id))
    .leftJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, who.id)))
    .leftJoin(orgRemovedMembers, and(eq(orgRemovedMembers.orgId, organizations.id), eq(orgRemovedMembers.userId, who.id)))
    .where(and(eq(orgDomains.domain, domain), verifiedClaim));
  if (!row) return null;
  const role = row.settings?.defaultRole === "viewer" ? "viewer" : "member";
  const refusal = refusalOf(row, role, who);
  return { org: row.org, role, refusal };
}

function refusalOf(
  row: { org: { id: string }; settings: { openJoin: boolean; requireSso: boolean; providers: string[]; oidcIssuer: string | null } | null; member: unknown; removed: unknown; invited: boolean },
  role: "member" | "viewer",
  who: JoinCandidate,
): JoinRefusal | null {
  if (inviteOnlyInstance() || !row.settings?.openJoin) return "off";
  if (row.member) return "member";
  if (row.removed) return "removed";
  // An invitation may offer another role: the person accepts it rather than joining past it.
  if (row.invited) return "invited";
  if (!who.emailVerified && who.emailVouchedBy !== row.org.id) return "unverified";
  const sso = { required: row.settings.requireSso, methods: ssoMethodsOf(row.org.id, row.settings) };
  if (!ssoSatisfied(sso, role, who.method)) return "sso";
  return null;
}

/** Adds the member and the audit event; false when a parallel request got there first. */
async function addMember(tx: Db, meta: AuditActor["meta"], who: JoinCandidate, offer: OpenJoinOffer, via: "open_join" | "sso") {
  const [joined] = await tx
    .insert(memberships)
    .values({ orgId: offer.org.id, userId: who.id, role: offer.role, joinedVia: via })
    .onConflictDoNothing()
    .returning({ role: memberships.role });
  if (!joined) return false;
  await recordAudit(tx, { viewer: who, meta, role: offer.role }, { orgId: offer.org.id, action: "member.joined", targetType: "user", targetId: who.id, targetLabel: who.email, after: { role: offer.role, via } });
  return true;
}

/**
 * Just-in-time membership on an SSO sign-in through an organization's own identity provider: the
 * provider vouched for the address, so the person joins that organization (when its open join
 * admits them) without a click. Every other path only offers joining (joinableOrg, the Join button).
 * Returns what was joined.
 */
export async function applyOpenJoin(tx: Db, meta: AuditActor["meta"], who: JoinCandidate, options: { via: "open_join" | "sso"; onlyOrgId?: string }) {
  if (options.via !== "sso" || !options.onlyOrgId || who.emailVouchedBy !== options.onlyOrgId) return null;
  const offer = await openJoinOffer(tx, who);
  if (!offer || offer.refusal || offer.org.id !== options.onlyOrgId) return null;
  return (await addMember(tx, meta, who, offer, "sso")) ? offer : null;
}

/** POST /orgs/{slug}/membership and the Join button: joins by open join, or says why not. Idempotent. */
export async function joinOrg(actor: OrgActor) {
  gate(actor.principal, "org.join");
  const viewer = requireViewer(actor);
  const who = candidateOf(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const found = await openJoinOffer(tx, who);
    const offer = found?.org.id === actor.org.id ? found : null;
    if (actor.role || offer?.refusal === "member") throw new ConflictError("You are already a member of this organization.");
    // Only people whose domain the organization claims learn why they may not join (the rule's refusal).
    authorize(actor.principal, "org.join", { refusal: offer ? offer.refusal : "unclaimed" });
    await addMember(tx, actor.meta, who, offer!, "open_join");
    await tx.update(users).set({ lastOrgId: actor.org.id }).where(eq(users.id, viewer.id));
    return { orgSlug: actor.org.slug, role: offer!.role };
  });
}

/** The organization the signed-in person could join by open join, for their list of organizations. */
export async function joinableOrg(actor: Actor): Promise<OpenJoinOffer | null> {
  const viewer = requireViewer(actor);
  const offer = await openJoinOffer(await getDb(), candidateOf(viewer));
  // Offered, or one step away: sign in through the organization's SSO. (Unverified addresses learn nothing.)
  return offer && (offer.refusal === null || offer.refusal === "sso") ? offer : null;
}
