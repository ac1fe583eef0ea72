import { and, asc, eq, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { orgDomains, organizations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import type { OrgActor } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { lookupTxt } from "./dns";
import { displayDomain, normalizeDomain } from "./names";

/** The only claims that count for trust: open join, SSO by domain, what an organization's provider may assert. */
export const verifiedClaim = isNotNull(orgDomains.verifiedAt);

export const PROOF_LABEL = "_atrium-verification";
const proofValue = (token: string) => `atrium-verification=${token}`;

/** How often the background job looks again: pending claims soon, verified ones daily (a removed record unverifies). */
export const RECHECK_PENDING_MINUTES = 10;
export const RECHECK_VERIFIED_MINUTES = 24 * 60;

type ClaimRow = typeof orgDomains.$inferSelect;

export type DomainClaim = {
  domain: string;
  /** The domain as people read it (internationalized names in Unicode). */
  display: string;
  status: "pending" | "verified";
  /** The DNS record that proves the claim. */
  record: { type: "TXT"; name: string; value: string };
  lastCheckedAt: Date | null;
  lastCheckError: string | null;
};

export const claimView = (row: ClaimRow): DomainClaim => ({
  domain: row.domain,
  display: displayDomain(row.domain),
  status: row.verifiedAt ? "verified" : "pending",
  record: { type: "TXT", name: `${PROOF_LABEL}.${row.domain}`, value: proofValue(row.token) },
  lastCheckedAt: row.lastCheckedAt,
  lastCheckError: row.lastCheckError,
});

export async function claimsOf(db: Db, orgId: string): Promise<ClaimRow[]> {
  return db.select().from(orgDomains).where(eq(orgDomains.orgId, orgId)).orderBy(asc(orgDomains.domain));
}

/** The domains among `domains` that another organization holds verified (never said which). */
export async function heldElsewhere(db: Db, orgId: string, domains: string[]): Promise<string[]> {
  if (!domains.length) return [];
  const rows = await db
    .select({ domain: orgDomains.domain })
    .from(orgDomains)
    .where(and(verifiedClaim, ne(orgDomains.orgId, orgId), sql`${orgDomains.domain} in ${domains}`));
  return rows.map((r) => r.domain);
}

export const takenMessage = (domains: string[]) =>
  `${domains.map(displayDomain).join(", ")} ${domains.length === 1 ? "is" : "are"} already claimed by another organization.`;

type Outcome = { found: boolean } | { failed: string };

/** Looks the claim's record up in DNS: outside any transaction (issue 13), with the resolver of ATRIUM_DNS_SERVERS. */
async function lookUp(claim: ClaimRow): Promise<Outcome> {
  const result = await lookupTxt(`${PROOF_LABEL}.${claim.domain}`);
  if (result.kind === "failed") return { failed: `The DNS lookup failed (${result.reason}). Try again later.` };
  return { found: result.kind === "found" && result.records.includes(proofValue(claim.token)) };
}

const SYSTEM: AuditActor = { viewer: null, meta: { ip: null, userAgent: "atrium background job" } };

/**
 * Writes what a lookup found, in one short transaction. Found: the claim is verified and every
 * other organization's pending claim of the domain is dropped (a proven claim takes the domain).
 * Not found: a verified claim falls back to pending. A failed lookup changes nothing but the note.
 */
async function recordOutcome(claim: ClaimRow, outcome: Outcome, actor: AuditActor): Promise<ClaimRow | null> {
  const db = await getDb();
  const key = and(eq(orgDomains.orgId, claim.orgId), eq(orgDomains.domain, claim.domain), eq(orgDomains.token, claim.token));
  try {
    return await db.transaction(async (tx) => {
      // Every claim of the domain, locked in one order: two organizations proving it at once queue here
      // instead of deadlocking on the unique index of verified claims.
      const claims = await tx.select().from(orgDomains).where(eq(orgDomains.domain, claim.domain)).orderBy(orgDomains.orgId).for("update");
      if (claims.some((c) => c.orgId !== claim.orgId && c.verifiedAt)) throw new ConflictError(takenMessage([claim.domain]), { domain: takenMessage([claim.domain]) });
      const current = claims.find((c) => c.orgId === claim.orgId && c.token === claim.token);
      if (!current) return null; // dropped meanwhile
      const checked = { lastCheckedAt: new Date() };
      if ("failed" in outcome) {
        const [row] = await tx.update(orgDomains).set({ ...checked, lastCheckError: outcome.failed }).where(key).returning();
        return row;
      }
      if (!outcome.found) {
        const error = `No TXT record ${PROOF_LABEL}.${claim.domain} with the value ${proofValue(claim.token)} was found.`;
        const [row] = await tx.update(orgDomains).set({ ...checked, lastCheckError: error, verifiedAt: null }).where(key).returning();
        if (current.verifiedAt) await audit(tx, actor, current, "org.domain.unverified");
        return row;
      }
      const [row] = await tx.update(orgDomains).set({ ...checked, lastCheckError: null, verifiedAt: current.verifiedAt ?? new Date() }).where(key).returning();
      if (!current.verifiedAt) {
        await audit(tx, actor, current, "org.domain.verified");
        const displaced = await tx.delete(orgDomains).where(and(eq(orgDomains.domain, claim.domain), ne(orgDomains.orgId, claim.orgId))).returning();
        for (const other of displaced) await audit(tx, SYSTEM, other, "org.domain.released");
      }
      return row;
    });
  } catch (error) {
    // Another organization proved the same domain a moment earlier.
    if (isUniqueViolation(error)) throw new ConflictError(takenMessage([claim.domain]), { domain: takenMessage([claim.domain]) });
    throw error;
  }
}

const audit = (tx: Db, actor: AuditActor, claim: ClaimRow, action: string) =>
  recordAudit(tx, actor, { orgId: claim.orgId, action, targetType: "domain", targetId: claim.domain, targetLabel: displayDomain(claim.domain) });

/** "Check now" (owners): looks for the claim's TXT record and says what it found. */
export async function checkDomain(actor: OrgActor, rawDomain: unknown): Promise<DomainClaim> {
  authorize(actor.principal, "org.auth.edit");
  const domain = typeof rawDomain === "string" ? normalizeDomain(rawDomain) : null;
  if (!domain) throw new ValidationError("Not a domain name.", { domain: "Not a domain name." });
  const db = await getDb();
  const [claim] = await db.select().from(orgDomains).where(and(eq(orgDomains.orgId, actor.org.id), eq(orgDomains.domain, domain)));
  if (!claim) throw new NotFoundError("This organization does not claim that domain.");
  const held = await heldElsewhere(db, actor.org.id, [domain]);
  if (held.length) throw new ConflictError(takenMessage(held), { domain: takenMessage(held) });
  const row = await recordOutcome(claim, await lookUp(claim), { ...actor, role: actor.role });
  if (!row) throw new NotFoundError("This organization does not claim that domain.");
  return claimView(row);
}

/**
 * The background re-check: claims up to `limit` due rows by stamping them (FOR UPDATE SKIP LOCKED,
 * so several app instances never take the same ones), then looks each up outside any transaction.
 */
export async function recheckDueDomains(limit = 20): Promise<number> {
  const db = await getDb();
  const due = or(
    isNull(orgDomains.lastCheckedAt),
    and(isNull(orgDomains.verifiedAt), lt(orgDomains.lastCheckedAt, sql`now() - make_interval(mins => ${RECHECK_PENDING_MINUTES})`)),
    and(verifiedClaim, lt(orgDomains.lastCheckedAt, sql`now() - make_interval(mins => ${RECHECK_VERIFIED_MINUTES})`)),
  );
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ orgId: orgDomains.orgId, domain: orgDomains.domain })
      .from(orgDomains)
      .innerJoin(organizations, and(eq(organizations.id, orgDomains.orgId), isNull(organizations.deletedAt)))
      .where(due)
      .orderBy(asc(orgDomains.lastCheckedAt))
      .limit(limit)
      .for("update", { of: orgDomains, skipLocked: true });
    if (!rows.length) return [];
    return tx
      .update(orgDomains)
      .set({ lastCheckedAt: new Date() })
      .where(sql`(${orgDomains.orgId}, ${orgDomains.domain}) in (${sql.join(rows.map((r) => sql`(${r.orgId}::uuid, ${r.domain})`), sql`, `)})`)
      .returning();
  });
  for (const claim of claimed) {
    try {
      await recordOutcome(claim, await lookUp(claim), SYSTEM);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return claimed.length;
}
