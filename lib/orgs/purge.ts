import { and, isNotNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { recordAudits } from "@/lib/audit/record";
import { RESTORE_DAYS } from "./service";

/**
 * Removes organizations deleted more than RESTORE_DAYS days ago, with everything that cascades from
 * them. Their audit trail stays (it has no foreign key), with an "org.purged" event. Rows are claimed
 * with SKIP LOCKED, so several instances running this at once never collide.
 */
export async function purgeDeletedOrgs(limit = 20): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: organizations.id, slug: organizations.slug })
      .from(organizations)
      .where(and(isNotNull(organizations.deletedAt), lt(organizations.deletedAt, sql`now() - make_interval(days => ${RESTORE_DAYS})`)))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return 0;
    await tx.delete(organizations).where(sql`${organizations.id} in ${due.map((o) => o.id)}`);
    await recordAudits(
      tx,
      { viewer: null, meta: { ip: null, userAgent: "atrium background job" } },
      due.map((o) => ({ orgId: o.id, action: "org.purged", targetType: "org", targetId: o.id, targetLabel: o.slug })),
    );
    return due.length;
  });
}
