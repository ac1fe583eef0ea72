import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { orgTokenPolicies } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { OrgActor } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { parseInput } from "@/lib/errors";
import { tokenPolicyInput } from "./schemas";

/** The longest an access token may act in the organization, in days (null: no limit). Members may read it. */
export async function getTokenPolicy(actor: OrgActor): Promise<{ maxTokenDays: number | null }> {
  authorize(actor.principal, "org.view");
  const db = await getDb();
  const [row] = await db.select({ maxTokenDays: orgTokenPolicies.maxTokenDays }).from(orgTokenPolicies).where(eq(orgTokenPolicies.orgId, actor.org.id));
  return { maxTokenDays: row?.maxTokenDays ?? null };
}

/**
 * Owners cap how long access tokens may act in the organization: a token older than that is refused
 * here on the next request (lib/auth/context), and tokens restricted to the organization cannot be
 * made to live longer. 0 or null lifts the cap.
 */
export async function setTokenPolicy(actor: OrgActor, input: z.input<typeof tokenPolicyInput>) {
  authorize(actor.principal, "org.settings.edit");
  const { maxTokenDays } = parseInput(tokenPolicyInput, input);
  const days = maxTokenDays || null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ maxTokenDays: orgTokenPolicies.maxTokenDays }).from(orgTokenPolicies).where(eq(orgTokenPolicies.orgId, actor.org.id)).for("update");
    if (days === null) await tx.delete(orgTokenPolicies).where(eq(orgTokenPolicies.orgId, actor.org.id));
    else await tx.insert(orgTokenPolicies).values({ orgId: actor.org.id, maxTokenDays: days }).onConflictDoUpdate({ target: orgTokenPolicies.orgId, set: { maxTokenDays: days, updatedAt: new Date() } });
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "org.token_policy_changed", targetType: "org", targetId: actor.org.id, targetLabel: actor.org.slug, before: { maxTokenDays: before?.maxTokenDays ?? null }, after: { maxTokenDays: days } });
    return { maxTokenDays: days };
  });
}
