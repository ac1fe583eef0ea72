import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, memberships, organizations } from "@/db/schema";
import type { OrgRole, OrgVisibility } from "@/lib/authz";
import { uniqueSlug, type Person } from "./people";

/**
 * An organization written straight into the database with the given members (no service call, so
 * no rate limit and no audit event): for tests that need many fresh organizations.
 */
export async function seedOrg(members: [Person, OrgRole][], options: { visibility?: OrgVisibility; name?: string } = {}) {
  const db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ slug: uniqueSlug(), name: options.name ?? "Seeded Org", visibility: options.visibility ?? "private" })
    .returning();
  if (members.length) await db.insert(memberships).values(members.map(([p, role]) => ({ orgId: org.id, userId: p.id, role, joinedVia: "seed" as const })));
  return org;
}

export async function orgRow(orgId: string) {
  const db = await getDb();
  const [row] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  return row ?? null;
}

export async function roleIn(orgId: string, userId: string): Promise<OrgRole | null> {
  const db = await getDb();
  const [row] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

export async function auditCount(orgId: string) {
  const db = await getDb();
  return db.$count(auditEvents, eq(auditEvents.orgId, orgId));
}
