import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { getDb } from "@/db/client";
import { prepared } from "@/db/prepared";
import { auditEvents } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { pageQuery, type Page } from "@/lib/pagination";

export const auditQuery = pageQuery.extend({
  action: z.string().trim().max(100).optional(),
  /** Only events by this user id. */
  actor: z.uuid("Not a valid user id.").optional(),
});

export type AuditEvent = {
  id: number;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: Date;
};

/** The organization's audit log, newest first, keyset-paginated on the event id. */
export async function listAuditEvents(actor: OrgActor, input: z.input<typeof auditQuery>): Promise<Page<AuditEvent>> {
  authorize(actor.principal, "org.audit.view");
  const query = parseInput(auditQuery, input);
  const db = await getDb();
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      actorName: auditEvents.actorName,
      actorRole: auditEvents.actorRole,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      targetLabel: auditEvents.targetLabel,
      before: auditEvents.before,
      after: auditEvents.after,
      ip: auditEvents.ip,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, actor.org.id),
        query.action ? eq(auditEvents.action, query.action) : undefined,
        query.actor ? eq(auditEvents.actorId, query.actor) : undefined,
        query.cursor ? lt(auditEvents.id, Number(query.cursor)) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? String(items[items.length - 1].id) : null };
}

const recentActivityQuery = prepared((db) =>
  db
    .select({ id: auditEvents.id, action: auditEvents.action, actorName: auditEvents.actorName, targetLabel: auditEvents.targetLabel, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, sql.placeholder("orgId")))
    .orderBy(desc(auditEvents.id))
    .limit(8)
    .prepare("recent_activity"),
);

/**
 * The latest events, in the short form every member may see on the dashboard (no before/after, no
 * IPs). The caller has authorized viewing the organization.
 */
export async function recentActivity(orgId: string) {
  return recentActivityQuery(await getDb()).execute({ orgId });
}
