import { and, asc, desc, eq, gt, ilike, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { hubComponents, hubComponentTags, hubComponentVersions, hubTagEvents, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, gate } from "@/lib/authz";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { planMoves } from "@/lib/pointers/moves";
import { atQuery, entryName, pointerMovesInput, pointerName } from "@/lib/pointers/schemas";
import { diffSpecs, type SpecDiff } from "./diff";
import { componentInput, componentListQuery, diffQuery, versionInput } from "./schemas";
import { parseComponentSpec, type ComponentSpec } from "./spec";

export type ComponentSummary = { id: string; name: string; description: string; tags: string[]; latestVersion: number | null; createdAt: Date };
export type ComponentVersion = { number: number; digest: string; createdAt: Date; createdBy: string | null };
export type ComponentTag = { name: string; version: number; movedAt: Date };
export type ComponentDetail = ComponentSummary & { readme: string; createdBy: string | null; createdById: string | null; versions: ComponentVersion[]; tags: string[]; pointers: ComponentTag[] };
export type TagEvent = { tag: string; from: number | null; to: number | null; actor: string | null; reason: string; at: Date };

const NO_SUCH_COMPONENT = "No component by that name in this organization.";
const tagLabel = (name: string) => `Tag ${name}`;

/** An unverified account reaches nobody (issue 9): it may look, not change. */
function verifiedViewer(actor: OrgActor) {
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first.");
  return viewer;
}

async function componentByName(db: Db, actor: OrgActor, rawName: unknown, lock = false) {
  const name = entryName.safeParse(rawName);
  if (!name.success) throw new NotFoundError(NO_SUCH_COMPONENT);
  const query = db
    .select()
    .from(hubComponents)
    .where(and(eq(hubComponents.orgId, actor.org.id), eq(hubComponents.name, name.data)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(NO_SUCH_COMPONENT);
  return row;
}

const latestNumber = sql<number | null>`(select max(${hubComponentVersions.number}) from ${hubComponentVersions} where ${hubComponentVersions.componentId} = ${hubComponents.id})`;

/** Components of the organization, by name, keyset-paged; q filters by name prefix. */
export async function listComponents(actor: OrgActor, query: z.input<typeof componentListQuery>): Promise<Page<ComponentSummary>> {
  gate(actor.principal, "hub.view");
  const { cursor, limit, q } = parseInput(componentListQuery, query);
  const after = decodeCursor(cursor, z.tuple([z.string().max(100)]));
  const db = await getDb();
  const rows = await db
    .select({ id: hubComponents.id, name: hubComponents.name, description: hubComponents.description, tags: hubComponents.tags, latestVersion: latestNumber, createdAt: hubComponents.createdAt })
    .from(hubComponents)
    .where(
      and(
        eq(hubComponents.orgId, actor.org.id),
        after ? gt(hubComponents.name, after[0]) : undefined,
        q ? ilike(hubComponents.name, `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(asc(hubComponents.name))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].name]) : null };
}

/** Creates a component, with its first version when a spec is given. */
export async function createComponent(actor: OrgActor, input: z.input<typeof componentInput>): Promise<ComponentDetail> {
  gate(actor.principal, "hub.create");
  const viewer = verifiedViewer(actor);
  const data = parseInput(componentInput, input);
  authorize(actor.principal, "hub.create");
  const first = data.spec !== undefined ? parseComponentSpec(data.spec) : null;
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(hubComponents)
        .values({ orgId: actor.org.id, name: data.name, description: data.description, readme: data.readme, tags: data.tags, createdBy: viewer.id })
        .returning();
      if (first) await tx.insert(hubComponentVersions).values({ componentId: row.id, number: 1, digest: first.digest, spec: first.spec, source: data.spec!, createdBy: viewer.id });
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: "hub.component.created",
        targetType: "component",
        targetId: row.id,
        targetLabel: row.name,
        after: { name: row.name, description: row.description, tags: row.tags, ...(first ? { version: 1, digest: first.digest } : {}) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("A component by that name already exists.", { name: "A component by that name already exists." });
    throw error;
  }
  return getComponent(actor, data.name);
}

export async function getComponent(actor: OrgActor, name: string): Promise<ComponentDetail> {
  gate(actor.principal, "hub.view");
  const db = await getDb();
  const row = await componentByName(db, actor, name);
  const [versions, pointers, [creator]] = await Promise.all([
    db
      .select({ number: hubComponentVersions.number, digest: hubComponentVersions.digest, createdAt: hubComponentVersions.createdAt, createdBy: users.name })
      .from(hubComponentVersions)
      .leftJoin(users, eq(users.id, hubComponentVersions.createdBy))
      .where(eq(hubComponentVersions.componentId, row.id))
      .orderBy(desc(hubComponentVersions.number))
      .limit(200),
    currentTags(db, row.id),
    row.createdBy ? db.select({ name: users.name }).from(users).where(eq(users.id, row.createdBy)) : Promise.resolve([]),
  ]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    readme: row.readme,
    tags: row.tags,
    createdAt: row.createdAt,
    createdBy: creator?.name ?? null,
    createdById: row.createdBy,
    latestVersion: versions[0]?.number ?? null,
    versions,
    pointers,
  };
}

const currentTags = (db: Db, componentId: string) =>
  db
    .select({ name: hubComponentTags.name, version: hubComponentVersions.number, movedAt: hubComponentTags.movedAt })
    .from(hubComponentTags)
    .innerJoin(hubComponentVersions, eq(hubComponentVersions.id, hubComponentTags.versionId))
    .where(eq(hubComponentTags.componentId, componentId))
    .orderBy(asc(hubComponentTags.name));

/**
 * Uploads a version. The same spec twice is the same version (content-addressed): the existing one
 * is returned with created: false and nothing is written.
 */
export async function pushVersion(actor: OrgActor, name: string, input: z.input<typeof versionInput>): Promise<{ version: ComponentVersion; created: boolean }> {
  gate(actor.principal, "hub.version.push");
  const viewer = verifiedViewer(actor);
  const { spec: source } = parseInput(versionInput, input);
  authorize(actor.principal, "hub.version.push");
  const { spec, digest } = parseComponentSpec(source);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The lock numbers versions one at a time.
    const component = await componentByName(tx, actor, name, true);
    const [existing] = await tx
      .select({ number: hubComponentVersions.number, digest: hubComponentVersions.digest, createdAt: hubComponentVersions.createdAt, createdBy: users.name })
      .from(hubComponentVersions)
      .leftJoin(users, eq(users.id, hubComponentVersions.createdBy))
      .where(and(eq(hubComponentVersions.componentId, component.id), eq(hubComponentVersions.digest, digest)));
    if (existing) return { version: existing, created: false };
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${hubComponentVersions.number}), 0) + 1`.mapWith(Number) })
      .from(hubComponentVersions)
      .where(eq(hubComponentVersions.componentId, component.id));
    const [row] = await tx.insert(hubComponentVersions).values({ componentId: component.id, number: next, digest, spec, source, createdBy: viewer.id }).returning();
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "hub.version.pushed",
      targetType: "component",
      targetId: component.id,
      targetLabel: `${component.name} v${next}`,
      after: { version: next, digest, image: spec.container.image },
    });
    return { version: { number: row.number, digest: row.digest, createdAt: row.createdAt, createdBy: viewer.name }, created: true };
  });
}

export type VersionDetail = ComponentVersion & { spec: ComponentSpec; source: string };

/** One version by number, digest (sha256:…) or tag. */
export async function getVersion(actor: OrgActor, name: string, ref: string): Promise<VersionDetail> {
  gate(actor.principal, "hub.view");
  const db = await getDb();
  const component = await componentByName(db, actor, name);
  const byRef = /^\d{1,10}$/.test(ref)
    ? eq(hubComponentVersions.number, Number(ref))
    : ref.startsWith("sha256:")
      ? eq(hubComponentVersions.digest, ref)
      : eq(
          hubComponentVersions.id,
          db
            .select({ id: hubComponentTags.versionId })
            .from(hubComponentTags)
            .where(and(eq(hubComponentTags.componentId, component.id), eq(hubComponentTags.name, ref.toLowerCase()))),
        );
  const [row] = await db
    .select({ number: hubComponentVersions.number, digest: hubComponentVersions.digest, createdAt: hubComponentVersions.createdAt, createdBy: users.name, spec: hubComponentVersions.spec, source: hubComponentVersions.source })
    .from(hubComponentVersions)
    .leftJoin(users, eq(users.id, hubComponentVersions.createdBy))
    .where(and(eq(hubComponentVersions.componentId, component.id), byRef));
  if (!row) throw new NotFoundError(`${component.name} has no version ${ref.slice(0, 80)}.`);
  return { ...row, spec: row.spec as ComponentSpec };
}

/** What changed between two versions: inputs and outputs added, removed or retyped, defaults, the image. */
export async function diffVersions(actor: OrgActor, name: string, query: Record<string, string | undefined>): Promise<{ from: number; to: number; diff: SpecDiff }> {
  gate(actor.principal, "hub.view");
  const { from, to } = parseInput(diffQuery, query);
  const db = await getDb();
  const component = await componentByName(db, actor, name);
  const rows = await db
    .select({ number: hubComponentVersions.number, spec: hubComponentVersions.spec })
    .from(hubComponentVersions)
    .where(and(eq(hubComponentVersions.componentId, component.id), inArray(hubComponentVersions.number, [from, to])));
  const spec = (n: number) => {
    const row = rows.find((r) => r.number === n);
    if (!row) throw new NotFoundError(`${component.name} has no version ${n}.`);
    return row.spec as ComponentSpec;
  };
  return { from, to, diff: diffSpecs(spec(from), spec(to)) };
}

/** Moves, creates or removes several tags in one transaction: all of them or none. */
export async function moveTags(actor: OrgActor, name: string, input: z.input<typeof pointerMovesInput>): Promise<{ tags: ComponentTag[]; moved: number }> {
  gate(actor.principal, "hub.tag.move");
  const viewer = verifiedViewer(actor);
  const { moves, reason } = parseInput(pointerMovesInput, input);
  authorize(actor.principal, "hub.tag.move");
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The component's lock orders every tag move of this component: concurrent moves see each other.
    const component = await componentByName(tx, actor, name, true);
    const names = moves.map((m) => m.name);
    const numbers = moves.flatMap((m) => (m.version === null ? [] : [m.version]));
    const [current, versions] = await Promise.all([
      tx
        .select({ name: hubComponentTags.name, id: hubComponentTags.versionId, number: hubComponentVersions.number })
        .from(hubComponentTags)
        .innerJoin(hubComponentVersions, eq(hubComponentVersions.id, hubComponentTags.versionId))
        .where(and(eq(hubComponentTags.componentId, component.id), inArray(hubComponentTags.name, names))),
      numbers.length
        ? tx
            .select({ id: hubComponentVersions.id, number: hubComponentVersions.number })
            .from(hubComponentVersions)
            .where(and(eq(hubComponentVersions.componentId, component.id), inArray(hubComponentVersions.number, numbers)))
        : Promise.resolve([]),
    ]);
    const plan = planMoves(moves, new Map(current.map((c) => [c.name, c])), new Map(versions.map((v) => [v.number, v.id])), tagLabel);
    if (plan.length) {
      // The clock after the lock, so the history's order is the order the moves took effect in.
      const [{ now }] = await tx.select({ now: sql<Date>`clock_timestamp()`.mapWith(hubTagEvents.at) }).from(sql`(select 1) as one`);
      const removed = plan.filter((p) => p.to === null).map((p) => p.name);
      if (removed.length) await tx.delete(hubComponentTags).where(and(eq(hubComponentTags.componentId, component.id), inArray(hubComponentTags.name, removed)));
      const set = plan.filter((p) => p.to !== null);
      if (set.length)
        await tx
          .insert(hubComponentTags)
          .values(set.map((p) => ({ componentId: component.id, name: p.name, versionId: p.to!.id, movedAt: now })))
          .onConflictDoUpdate({ target: [hubComponentTags.componentId, hubComponentTags.name], set: { versionId: sql`excluded.version_id`, movedAt: now } });
      await tx.insert(hubTagEvents).values(
        plan.map((p) => ({ componentId: component.id, tag: p.name, fromVersionId: p.from?.id ?? null, toVersionId: p.to?.id ?? null, actorId: viewer.id, actorName: viewer.name, reason, at: now })),
      );
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: "hub.tags.moved",
        targetType: "component",
        targetId: component.id,
        targetLabel: component.name,
        before: Object.fromEntries(plan.map((p) => [p.name, p.from?.number ?? null])),
        after: { ...Object.fromEntries(plan.map((p) => [p.name, p.to?.number ?? null])), ...(reason ? { reason } : {}) },
      });
    }
    return { tags: await currentTags(tx, component.id), moved: plan.length };
  });
}

/** A tag's history, newest first; with ?at=, the version it pointed to at that time (null: absent then). */
export async function tagHistory(actor: OrgActor, name: string, tag: string, query: z.input<typeof atQuery>): Promise<{ tag: string; at: string | null; version: number | null; events: TagEvent[] }> {
  gate(actor.principal, "hub.view");
  const { at } = parseInput(atQuery, query);
  const parsedTag = pointerName.safeParse(tag);
  if (!parsedTag.success) throw new NotFoundError(`No tag ${tag.slice(0, 80)}.`);
  const db = await getDb();
  const component = await componentByName(db, actor, name);
  const fromV = sql<number | null>`(select number from ${hubComponentVersions} where id = ${hubTagEvents.fromVersionId})`;
  const toV = sql<number | null>`(select number from ${hubComponentVersions} where id = ${hubTagEvents.toVersionId})`;
  const events = await db
    .select({ tag: hubTagEvents.tag, from: fromV, to: toV, actor: hubTagEvents.actorName, reason: hubTagEvents.reason, at: hubTagEvents.at })
    .from(hubTagEvents)
    .where(and(eq(hubTagEvents.componentId, component.id), eq(hubTagEvents.tag, parsedTag.data), at ? lte(hubTagEvents.at, sql`${at}::timestamptz`) : undefined))
    .orderBy(desc(hubTagEvents.at), desc(hubTagEvents.id))
    .limit(200);
  const known = events.length > 0 || (at !== undefined && (await db.$count(hubTagEvents, and(eq(hubTagEvents.componentId, component.id), eq(hubTagEvents.tag, parsedTag.data)))) > 0);
  if (!known) throw new NotFoundError(`${component.name} has no tag ${parsedTag.data}.`);
  return { tag: parsedTag.data, at: at ?? null, version: events[0]?.to ?? null, events };
}

/** Deletes a component with its versions, tags and their history (owners; admins only their own). */
export async function deleteComponent(actor: OrgActor, name: string): Promise<void> {
  gate(actor.principal, "hub.delete");
  const viewer = verifiedViewer(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const component = await componentByName(tx, actor, name, true);
    authorize(actor.principal, "hub.delete", { isCreator: component.createdBy === viewer.id });
    const [{ versions }] = await tx.select({ versions: sql<number>`count(*)`.mapWith(Number) }).from(hubComponentVersions).where(eq(hubComponentVersions.componentId, component.id));
    await tx.delete(hubComponents).where(eq(hubComponents.id, component.id));
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "hub.component.deleted",
      targetType: "component",
      targetId: component.id,
      targetLabel: component.name,
      before: { name: component.name, versions },
    });
  });
}

/** The latest moves of every tag of a component, newest first: who moved what, when and why. */
export async function componentTagEvents(actor: OrgActor, name: string, limit = 50): Promise<TagEvent[]> {
  gate(actor.principal, "hub.view");
  const db = await getDb();
  const component = await componentByName(db, actor, name);
  const fromV = sql<number | null>`(select number from ${hubComponentVersions} where id = ${hubTagEvents.fromVersionId})`;
  const toV = sql<number | null>`(select number from ${hubComponentVersions} where id = ${hubTagEvents.toVersionId})`;
  return db
    .select({ tag: hubTagEvents.tag, from: fromV, to: toV, actor: hubTagEvents.actorName, reason: hubTagEvents.reason, at: hubTagEvents.at })
    .from(hubTagEvents)
    .where(eq(hubTagEvents.componentId, component.id))
    .orderBy(desc(hubTagEvents.at), desc(hubTagEvents.id))
    .limit(Math.min(Math.max(limit, 1), 200));
}
