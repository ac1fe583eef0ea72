import { randomUUID } from "node:crypto";
import { and, isNotNull, isNull, sql } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { hashToken, newToken } from "@/lib/auth/tokens";
import type { OrgRole } from "@/lib/authz";
import { appUrl } from "@/lib/config";
import { INVITATION_DAYS } from "./schemas";

// What organization invitations and outside collaborators' project invitations share: one table,
// one link format, one expiry, one daily limit.

/** Invitations per organization, and per inviter across organizations, in 24 hours (DESIGN §4). */
export const invitationsPerDay = () => ({
  limit: Number(process.env.ATRIUM_INVITATIONS_PER_DAY ?? 50),
  seconds: 86_400,
  reason: "The daily limit of invitations is reached.",
});

/** Not yet accepted, declined or revoked (it may have expired). */
export const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), isNull(invitations.declinedAt));
/** Invitations to join the organization; project invitations carry a project instead. */
export const toOrg = isNull(invitations.projectId);
export const toProject = isNotNull(invitations.projectId);
/**
 * The role an organization invitation offers. Only for rows filtered by `toOrg`, where the CHECK
 * invitations_one_offer guarantees it is set.
 */
export const offeredOrgRole = sql<OrgRole>`${invitations.role}`.mapWith(invitations.role);

/** A new link for an invitation (new or sent again): the token for the mail, only its hash stored. */
export function freshLink() {
  const token = newToken();
  return {
    url: `${appUrl()}/invite/${token}`,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    mailId: randomUUID(),
  };
}

export type InvitationStatus = "pending" | "expired" | "accepted" | "declined" | "revoked";

export const statusOf = (i: { acceptedAt: Date | null; declinedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationStatus =>
  i.acceptedAt ? "accepted" : i.revokedAt ? "revoked" : i.declinedAt ? "declined" : i.expiresAt.getTime() <= Date.now() ? "expired" : "pending";

export type Delivery = "sending" | "sent" | "failed";
export const deliveryOf = (mailStatus: string | null): Delivery => (mailStatus === "sent" ? "sent" : mailStatus === "failed" ? "failed" : "sending");
