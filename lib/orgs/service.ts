import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import { invitations, memberships, orgAuthSettings, organizations, orgSlugRedirects, projects, teams, users } from "@/db/schema";
import { changedFields, recordAudit } from "@/lib/audit/record";
import { recentActivity } from "@/lib/audit/list";
import { requireViewer, type Actor, type OrgActor } from "@/lib/auth/context";
import { authorize, type OrgRole } from "@/lib/authz";
import { isUniqueViolation } from "@/lib/db-errors";
import { requireRecentAuth } from "@/lib/accounts/sudo";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { consume } from "@/lib/rate-limit";
import { type Page } from "@/lib/pagination";
import { createOrgInput, deleteOrgInput, orgListQuery, updateOrgInput } from "./schemas";

const SLUG_TAKEN = new ConflictError("That slug is taken.", { slug: "That slug is taken. Choose another." });
const MAX_ORGS_LISTED = 100;
const ORG_CREATIONS_PER_DAY = { limit: 50, seconds: 86_400 };

export type OrgListItem = { id: string; slug: string; name: string; description: string; visibility: "private" | "public"; role: OrgRole };

/** A slug freed by another organization's rename may be claimed: the live organization wins over a redirect. */
async function claimSlug(tx: Db, slug: string) {
  await tx.delete(orgSlugRedirects).where(eq(orgSlugRedirects.slug, slug));
}

export async function createOrg(actor: Actor, input: z.input<typeof createOrgInput>) {
  const viewer = requireViewer(actor);
  // An unverified account reaches nobody (issue 9: pre-takeover).
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first: then you can create organizations.");
  const data = parseInput(createOrgInput, input);
  const db = await getDb();
  await consume(db, `org-create:${viewer.id}`, ORG_CREATIONS_PER_DAY);
  try {
    return await db.transaction(async (tx) => {
      await claimSlug(tx, data.slug);
      const [org] = await tx.insert(organizations).values(data).onConflictDoNothing({ target: organizations.slug }).returning();
      if (!org) throw SLUG_TAKEN;
      await tx.insert(memberships).values({ orgId: org.id, userId: viewer.id, role: "owner", joinedVia: "created" });
      await tx.update(users).set({ lastOrgId: org.id }).where(eq(users.id, viewer.id));
      await recordAudit(tx, { ...actor, role: "owner" }, { orgId: org.id, action: "org.created", targetType: "org", targetId: org.id, targetLabel: org.slug, after: data });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN;
    throw error;
  }
}

const myOrgsQuery = prepared((db) =>
  db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, description: organizations.description, visibility: organizations.visibility, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, sql.placeholder("userId")), gt(organizations.slug, sql.placeholder("after"))))
    .orderBy(asc(organizations.slug))
    .limit(sql.placeholder("limit"))
    .prepare("my_orgs"),
);

/** The organizations the viewer belongs to, with their role in each, by slug; keyset-paginated when asked. */
export async function listMyOrgs(actor: Actor, page?: z.input<typeof orgListQuery>): Promise<Page<OrgListItem>> {
  const viewer = requireViewer(actor);
  const { cursor, limit } = parseInput(orgListQuery, page ?? { limit: MAX_ORGS_LISTED });
  const rows = await myOrgsQuery(await getDb()).execute({ userId: viewer.id, after: cursor ?? "", limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].slug : null };
}

/** Where "/" takes a signed-in person: the last organization they used, if they still belong to it. */
export async function homeOrgSlug(actor: Actor): Promise<string | null> {
  const viewer = requireViewer(actor);
  if (!viewer.lastOrgId) return null;
  const db = await getDb();
  const [row] = await db
    .select({ slug: organizations.slug })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, viewer.id), eq(memberships.orgId, viewer.lastOrgId)));
  return row?.slug ?? null;
}

export async function rememberLastOrg(actor: OrgActor) {
  if (!actor.viewer || !actor.role || actor.viewer.lastOrgId === actor.org.id) return;
  const db = await getDb();
  await db.update(users).set({ lastOrgId: actor.org.id }).where(eq(users.id, actor.viewer.id));
}

export async function getOrg(actor: OrgActor) {
  authorize(actor.principal, "org.view");
  return { ...actor.org, role: actor.role };
}

const orgCountsQuery = prepared((db) => {
  const orgId = sql.placeholder("orgId");
  return db
    .select({
      members: sql<number>`(select count(*) from ${memberships} where ${memberships.orgId} = ${orgId})::int`,
      teams: sql<number>`(select count(*) from ${teams} where ${teams.orgId} = ${orgId})::int`,
      projects: sql<number>`(select count(*) from ${projects} where ${projects.orgId} = ${orgId})::int`,
      // For the onboarding checklist: invitations ever sent, sign-in settings ever saved.
      invitations: sql<number>`(select count(*) from ${invitations} where ${invitations.orgId} = ${orgId})::int`,
      signInSetUp: sql<boolean>`exists(select 1 from ${orgAuthSettings} where ${orgAuthSettings.orgId} = ${orgId})`,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .prepare("org_counts");
});

/** Dashboard figures and the latest activity, in two queries. */
export async function getOrgOverview(actor: OrgActor) {
  authorize(actor.principal, "org.view");
  const orgId = actor.org.id;
  const [[counts], activity] = await Promise.all([orgCountsQuery(await getDb()).execute({ orgId }), recentActivity(actor)]);
  return { counts: counts ?? { members: 0, teams: 0, projects: 0, invitations: 0, signInSetUp: false }, activity };
}

export async function updateOrg(actor: OrgActor, input: z.input<typeof updateOrgInput>) {
  authorize(actor.principal, "org.settings.edit");
  const data = parseInput(updateOrgInput, input);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(organizations).where(eq(organizations.id, actor.org.id)).for("update");
      if (!current) throw new NotFoundError();
      const diff = changedFields(current, data);
      if (!diff.changed) return current;
      if (data.slug && data.slug !== current.slug) {
        await claimSlug(tx, data.slug);
        await tx.insert(orgSlugRedirects).values({ slug: current.slug, orgId: current.id }).onConflictDoUpdate({ target: orgSlugRedirects.slug, set: { orgId: current.id } });
      }
      const [updated] = await tx.update(organizations).set(diff.after).where(eq(organizations.id, current.id)).returning();
      await recordAudit(tx, actor, { orgId: current.id, action: "org.updated", targetType: "org", targetId: current.id, targetLabel: updated.slug, before: diff.before, after: diff.after });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN;
    throw error;
  }
}

export async function deleteOrg(actor: OrgActor, input: z.input<typeof deleteOrgInput>) {
  authorize(actor.principal, "org.delete");
  requireRecentAuth(actor);
  const { confirm } = parseInput(deleteOrgInput, input);
  if (confirm.toLowerCase() !== actor.org.slug) {
    throw new ValidationError("The confirmation does not match.", { confirm: `Type ${actor.org.slug} to confirm.` });
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(organizations).where(eq(organizations.id, actor.org.id)).returning({ id: organizations.id });
    if (!gone) throw new NotFoundError();
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "org.deleted", targetType: "org", targetId: actor.org.id, targetLabel: actor.org.slug, before: { name: actor.org.name, slug: actor.org.slug } });
  });
}
