import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { orgStorage } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, can, gate } from "@/lib/authz";
import { AppError, ForbiddenError, ValidationError, parseInput } from "@/lib/errors";
import { storageTiers, tierInput, tierOf, WARN_AT, type StorageTier } from "./tiers";

export type StorageUsage = { tier: StorageTier; tiers: StorageTier[]; liveBytes: number; deletedBytes: number; share: number | null; warning: string | null };

/** New artifacts past the tier's limit: refused, and nothing already stored is touched. */
export class StorageLimitError extends AppError {
  constructor(tier: StorageTier) {
    super("storage_limit", 409, `This organization's ${tier.name} storage tier is full. Delete and purge artifacts you no longer need, or ask an owner to move to a larger tier.`);
  }
}

/** The organization's storage row, locked: every change of usage takes this lock first. */
async function lockedStorage(tx: Db, orgId: string) {
  await tx.insert(orgStorage).values({ orgId, tier: storageTiers()[0].id }).onConflictDoNothing();
  const [row] = await tx.select().from(orgStorage).where(eq(orgStorage.orgId, orgId)).for("update");
  return row;
}

/**
 * Adds live bytes to the organization's usage in the caller's transaction, refusing them when they
 * would pass the tier's limit. The row lock makes concurrent writes count one after the other.
 */
export async function chargeStorage(tx: Db, orgId: string, bytes: number) {
  if (bytes === 0) return;
  const row = await lockedStorage(tx, orgId);
  const tier = tierOf(row.tier);
  if (tier.limitBytes !== null && row.liveBytes + bytes > tier.limitBytes) throw new StorageLimitError(tier);
  await tx.update(orgStorage).set({ liveBytes: sql`${orgStorage.liveBytes} + ${bytes}`, updatedAt: sql`now()` }).where(eq(orgStorage.orgId, orgId));
}

/** Gives back live bytes when artifacts are deleted for good (in the deleting transaction). */
export async function releaseStorage(tx: Db, orgId: string, bytes: number) {
  if (bytes === 0) return;
  await lockedStorage(tx, orgId);
  await tx.update(orgStorage).set({ liveBytes: sql`greatest(${orgStorage.liveBytes} - ${bytes}, 0)`, updatedAt: sql`now()` }).where(eq(orgStorage.orgId, orgId));
}

/**
 * Soft deletion and restore: moves bytes between live usage and deleted-but-not-purged usage, in the
 * caller's transaction. Bringing bytes back to live is checked against the tier like new artifacts.
 */
export async function moveStorage(tx: Db, orgId: string, bytes: number, to: "deleted" | "live") {
  if (bytes === 0) return;
  const row = await lockedStorage(tx, orgId);
  const tier = tierOf(row.tier);
  if (to === "live" && tier.limitBytes !== null && row.liveBytes + bytes > tier.limitBytes) throw new StorageLimitError(tier);
  const sign = to === "deleted" ? -1 : 1;
  await tx
    .update(orgStorage)
    .set({ liveBytes: sql`${orgStorage.liveBytes} + ${sign * bytes}`, deletedBytes: sql`${orgStorage.deletedBytes} - ${sign * bytes}`, updatedAt: sql`now()` })
    .where(eq(orgStorage.orgId, orgId));
}

/** Gives back deleted-but-not-purged bytes when they are purged (in the purging transaction). */
export async function releaseDeletedStorage(tx: Db, orgId: string, bytes: number) {
  if (bytes === 0) return;
  await lockedStorage(tx, orgId);
  await tx.update(orgStorage).set({ deletedBytes: sql`${orgStorage.deletedBytes} - ${bytes}`, updatedAt: sql`now()` }).where(eq(orgStorage.orgId, orgId));
}

/** Usage against the tier; owners and admins get the warning past 80 % (every member sees the numbers). */
export async function storageUsage(actor: OrgActor): Promise<StorageUsage> {
  gate(actor.principal, "storage.view");
  const db = await getDb();
  const [row] = await db.select().from(orgStorage).where(eq(orgStorage.orgId, actor.org.id));
  const tier = tierOf(row?.tier ?? storageTiers()[0].id);
  const liveBytes = row?.liveBytes ?? 0;
  const share = tier.limitBytes === null ? null : tier.limitBytes === 0 ? 1 : liveBytes / tier.limitBytes;
  const warns = share !== null && share >= WARN_AT && can(actor.principal, "storage.warnings");
  const warning = !warns ? null : share! >= 1 ? "Storage is full: new artifacts are refused until you free space or move to a larger tier." : `Storage is ${Math.floor(share! * 100)} % full.`;
  return { tier, tiers: storageTiers(), liveBytes, deletedBytes: row?.deletedBytes ?? 0, share, warning };
}


/** Changes the organization's storage tier (owners). A smaller tier never deletes anything: new artifacts are refused until usage fits. */
export async function setStorageTier(actor: OrgActor, input: z.input<typeof tierInput>): Promise<StorageUsage> {
  gate(actor.principal, "org.plan.change");
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first.");
  const { tier } = parseInput(tierInput, input);
  authorize(actor.principal, "org.plan.change");
  if (!storageTiers().some((t) => t.id === tier)) throw new ValidationError("No such storage tier.", { tier: `Choose one of ${storageTiers().map((t) => t.id).join(", ")}.` });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const row = await lockedStorage(tx, actor.org.id);
    if (row.tier === tier) return;
    await tx.update(orgStorage).set({ tier, updatedAt: sql`now()` }).where(eq(orgStorage.orgId, actor.org.id));
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "storage.tier_changed", targetType: "org", targetId: actor.org.id, targetLabel: actor.org.slug, before: { tier: row.tier }, after: { tier } });
  });
  return storageUsage(actor);
}
