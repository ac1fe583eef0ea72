import { and, desc, eq, gte, inArray, lt, not, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { getDb, type Db } from "@/db/client";
import { prepared } from "@/db/prepared";
import { auditEvents, projects } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, can } from "@/lib/authz";
import { projectRoleSql } from "@/lib/authz/visible";
import { pageQuery, type Page } from "@/lib/pagination";
import { ACTIVITY_VISIBILITY } from "./actions";

const day = z.iso.date("Use a date like 2026-12-01.");

/** The audit log's filters: action, actor, a date range (whole UTC days, both ends included) and words in the target. */
const filterShape = {
  action: z.string().trim().max(100).optional(),
  /** Only events by this user id. */
  actor: z.uuid("Not a valid user id.").optional(),
  from: day.optional(),
  to: day.optional(),
  /** Part of the target's label (an email, a slug) or its id. */
  target: z.string().trim().max(200, "Keep the search under 200 characters.").optional(),
};
const inOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const outOfOrder = { message: "The start date is after the end date.", path: ["to"] };

export const auditFilters = z.object(filterShape).refine(inOrder, outOfOrder);
export const auditQuery = pageQuery.extend(filterShape).refine(inOrder, outOfOrder);
export type AuditFilters = z.infer<typeof auditFilters>;

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

const columns = {
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
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

function filterSql(orgId: string, f: AuditFilters): SQL | undefined {
  const words = f.target ? `%${escapeLike(f.target.toLowerCase())}%` : null;
  return and(
    eq(auditEvents.orgId, orgId),
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.actor ? eq(auditEvents.actorId, f.actor) : undefined,
    f.from ? gte(auditEvents.createdAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(auditEvents.createdAt, nextDay(f.to)) : undefined,
    words ? or(sql`lower(${auditEvents.targetLabel}) like ${words}`, sql`lower(${auditEvents.targetId}) like ${words}`) : undefined,
  );
}

async function auditPage(db: Db, orgId: string, f: AuditFilters, { cursor, limit }: { cursor?: string; limit: number }) {
  const rows = await db
    .select(columns)
    .from(auditEvents)
    .where(and(filterSql(orgId, f), cursor ? lt(auditEvents.id, Number(cursor)) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
}

/** The organization's audit log, newest first, keyset-paginated on the event id. */
export async function listAuditEvents(actor: OrgActor, input: z.input<typeof auditQuery>): Promise<Page<AuditEvent>> {
  authorize(actor.principal, "org.audit.view");
  const { cursor, limit, ...filters } = parseInput(auditQuery, input);
  return auditPage(await getDb(), actor.org.id, filters, { cursor, limit });
}

/**
 * Every event matching the filters, newest first, 500 at a time: an export streamed from this reads
 * one batch at a time however long the trail is.
 */
export async function* eachAuditEvent(actor: OrgActor, input: unknown): AsyncGenerator<AuditEvent> {
  authorize(actor.principal, "org.audit.view");
  const filters = parseInput(auditFilters, input);
  const db = await getDb();
  let cursor: string | undefined;
  do {
    const page = await auditPage(db, actor.org.id, filters, { cursor, limit: 500 });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/**
 * The distinct actions and actors in the organization's trail, for the filters. Each is a skip scan
 * of its index (one index probe per distinct value), not a read of every event.
 */
export async function auditFilterChoices(actor: OrgActor) {
  authorize(actor.principal, "org.audit.view");
  const db = await getDb();
  const orgId = actor.org.id;
  const [actions, actorIds] = await Promise.all([
    db.execute(sql`
      with recursive a(action) as (
        (select action from audit_events where org_id = ${orgId} order by action limit 1)
        union all
        select (select e.action from audit_events e where e.org_id = ${orgId} and e.action > a.action order by e.action limit 1) from a where a.action is not null
      )
      select action from a where action is not null`),
    db.execute(sql`
      with recursive a(actor_id) as (
        (select actor_id from audit_events where org_id = ${orgId} and actor_id is not null order by actor_id limit 1)
        union all
        select (select e.actor_id from audit_events e where e.org_id = ${orgId} and e.actor_id > a.actor_id order by e.actor_id limit 1) from a where a.actor_id is not null
      )
      select actor_id from a where actor_id is not null limit 500`),
  ]);
  const ids = rowsOf<{ actor_id: string }>(actorIds).map((r) => r.actor_id);
  // The name each actor had at their latest event (people who left keep theirs).
  const names = ids.length
    ? await db
        .selectDistinctOn([auditEvents.actorId], { id: auditEvents.actorId, name: auditEvents.actorName })
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, orgId), inArray(auditEvents.actorId, ids)))
        .orderBy(auditEvents.actorId, desc(auditEvents.id))
    : [];
  return {
    actions: rowsOf<{ action: string }>(actions).map((r) => r.action),
    actors: names.map((n) => ({ id: n.id!, name: n.name ?? "Someone" })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const recentActivityQuery = prepared((db) =>
  db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorName: auditEvents.actorName,
      targetLabel: auditEvents.targetLabel,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, sql.placeholder("orgId")))
    .orderBy(desc(auditEvents.id))
    .limit(8)
    .prepare("recent_activity"),
);

export type ActivityEvent = Awaited<ReturnType<ReturnType<typeof recentActivityQuery>["execute"]>>[number];

/**
 * The latest events the viewer may see, in the short form of the dashboard (no IPs). Each kind of
 * event is shown only to who may see what it is about (ACTIVITY_VISIBILITY, decided by lib/authz):
 * members and viewers do not see invitations, sign-in settings changes, or events of projects they
 * cannot see. Owners and admins see everything, through one prepared query. The caller has authorized
 * viewing the organization.
 */
export async function recentActivity(actor: OrgActor): Promise<ActivityEvent[]> {
  const hidden = ACTIVITY_VISIBILITY.filter((rule) => !can(actor.principal, rule.needs));
  const db = await getDb();
  if (!hidden.length) return recentActivityQuery(db).execute({ orgId: actor.org.id });
  // An event about a project shows only to who may see that project now (a private project's name included).
  const role = projectRoleSql(actor.principal, actor.viewer?.id ?? null);
  const aboutVisibleProject = sql`(${auditEvents.targetType} <> 'project' or exists (select 1 from ${projects} where ${projects.id}::text = ${auditEvents.targetId} and ${role} is not null))`;
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorName: auditEvents.actorName,
      targetLabel: auditEvents.targetLabel,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, actor.org.id), aboutVisibleProject, ...hidden.map((rule) => not(sql`${auditEvents.action} like ${`${escapeLike(rule.prefix)}%`}`))))
    .orderBy(desc(auditEvents.id))
    .limit(8);
}
