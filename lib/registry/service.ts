import { and, asc, desc, eq, gt, ilike, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { registryAliasEvents, registryModelAliases, registryModels, registryModelVersions, teamMembers, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { authorize, gate } from "@/lib/authz";
import type { AliasFacts } from "@/lib/authz/rules";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination";
import { planMoves } from "@/lib/pointers/moves";
import { atQuery, entryName, pointerMovesInput, pointerName } from "@/lib/pointers/schemas";
import { chargeStorage, releaseStorage } from "@/lib/storage/service";
import { aliasProtectionInput, modelInput, modelListQuery, modelVersionInput } from "./schemas";

export type ModelSummary = { id: string; name: string; description: string; tags: string[]; latestVersion: number | null; createdAt: Date };
/** source: the run it was promoted from (runExists false once that run was purged), or null. */
export type ModelVersion = {
  number: number;
  description: string;
  inputs: unknown;
  outputs: unknown;
  artifacts: unknown;
  source: (VersionSource & { runExists: boolean }) | null;
  createdAt: Date;
  createdBy: string | null;
};
export type ModelAlias = { name: string; version: number; protected: boolean; team: { slug: string; name: string } | null; movedAt: Date };
export type ModelDetail = ModelSummary & { ownerTeam: { slug: string; name: string } | null; createdBy: string | null; createdById: string | null; versions: ModelVersion[]; aliases: ModelAlias[] };
export type AliasEvent = { alias: string; from: number | null; to: number | null; actor: string | null; reason: string; at: Date };

const NO_SUCH_MODEL = "No model by that name in this organization.";
const aliasLabel = (name: string) => `@${name}`;

function verifiedViewer(actor: OrgActor) {
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first.");
  return viewer;
}

async function modelByName(db: Db, actor: OrgActor, rawName: unknown, lock = false) {
  const name = entryName.safeParse(rawName);
  if (!name.success) throw new NotFoundError(NO_SUCH_MODEL);
  const query = db
    .select()
    .from(registryModels)
    .where(and(eq(registryModels.orgId, actor.org.id), eq(registryModels.name, name.data)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(NO_SUCH_MODEL);
  return row;
}

async function teamBySlug(db: Db, orgId: string, slug: string | null, field: string) {
  if (slug === null) return null;
  const [team] = await db
    .select({ id: teams.id, slug: teams.slug, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.slug, slug)));
  if (!team) throw new ValidationError("No team by that name in this organization.", { [field]: "No team by that name in this organization." });
  return team;
}

const latestNumber = sql<number | null>`(select max(${registryModelVersions.number}) from ${registryModelVersions} where ${registryModelVersions.modelId} = ${registryModels.id})`;

export async function listModels(actor: OrgActor, query: z.input<typeof modelListQuery>): Promise<Page<ModelSummary>> {
  gate(actor.principal, "registry.view");
  const { cursor, limit, q } = parseInput(modelListQuery, query);
  const after = decodeCursor(cursor, z.tuple([z.string().max(100)]));
  const db = await getDb();
  const rows = await db
    .select({ id: registryModels.id, name: registryModels.name, description: registryModels.description, tags: registryModels.tags, latestVersion: latestNumber, createdAt: registryModels.createdAt })
    .from(registryModels)
    .where(
      and(
        eq(registryModels.orgId, actor.org.id),
        after ? gt(registryModels.name, after[0]) : undefined,
        q ? ilike(registryModels.name, `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(asc(registryModels.name))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].name]) : null };
}

export async function createModel(actor: OrgActor, input: z.input<typeof modelInput>): Promise<ModelDetail> {
  gate(actor.principal, "registry.create");
  const viewer = verifiedViewer(actor);
  const data = parseInput(modelInput, input);
  authorize(actor.principal, "registry.create");
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const team = await teamBySlug(tx, actor.org.id, data.ownerTeam, "ownerTeam");
      const [row] = await tx
        .insert(registryModels)
        .values({ orgId: actor.org.id, name: data.name, description: data.description, tags: data.tags, ownerTeamId: team?.id ?? null, createdBy: viewer.id })
        .returning();
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: "registry.model.created",
        targetType: "model",
        targetId: row.id,
        targetLabel: row.name,
        after: { name: row.name, description: row.description, tags: row.tags, ownerTeam: team?.slug ?? null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("A model by that name already exists.", { name: "A model by that name already exists." });
    throw error;
  }
  return getModel(actor, data.name);
}

const currentAliases = (db: Db, modelId: string) =>
  db
    .select({
      name: registryModelAliases.name,
      version: registryModelVersions.number,
      protected: registryModelAliases.protected,
      teamSlug: teams.slug,
      teamName: teams.name,
      movedAt: registryModelAliases.movedAt,
    })
    .from(registryModelAliases)
    .innerJoin(registryModelVersions, eq(registryModelVersions.id, registryModelAliases.versionId))
    .leftJoin(teams, eq(teams.id, registryModelAliases.protectedTeamId))
    .where(eq(registryModelAliases.modelId, modelId))
    .orderBy(asc(registryModelAliases.name))
    .then((rows) =>
      rows.map(({ teamSlug, teamName, ...a }): ModelAlias => ({ ...a, team: teamSlug && teamName ? { slug: teamSlug, name: teamName } : null })),
    );

export async function getModel(actor: OrgActor, name: string): Promise<ModelDetail> {
  gate(actor.principal, "registry.view");
  const db = await getDb();
  const row = await modelByName(db, actor, name);
  const [versions, aliases, [extra]] = await Promise.all([
    db
      .select({
        number: registryModelVersions.number,
        description: registryModelVersions.description,
        inputs: registryModelVersions.inputs,
        outputs: registryModelVersions.outputs,
        artifacts: registryModelVersions.artifacts,
        source: registryModelVersions.source,
        sourceRunId: registryModelVersions.sourceRunId,
        createdAt: registryModelVersions.createdAt,
        createdBy: users.name,
      })
      .from(registryModelVersions)
      .leftJoin(users, eq(users.id, registryModelVersions.createdBy))
      .where(eq(registryModelVersions.modelId, row.id))
      .orderBy(desc(registryModelVersions.number))
      .limit(200),
    currentAliases(db, row.id),
    db
      .select({ creator: users.name, teamSlug: teams.slug, teamName: teams.name })
      .from(registryModels)
      .leftJoin(users, eq(users.id, registryModels.createdBy))
      .leftJoin(teams, eq(teams.id, registryModels.ownerTeamId))
      .where(eq(registryModels.id, row.id)),
  ]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: row.tags,
    createdAt: row.createdAt,
    createdBy: extra?.creator ?? null,
    createdById: row.createdBy,
    ownerTeam: extra?.teamSlug && extra.teamName ? { slug: extra.teamSlug, name: extra.teamName } : null,
    latestVersion: versions[0]?.number ?? null,
    versions: versions.map(({ source, sourceRunId, ...v }) => ({ ...v, source: source ? { ...(source as VersionSource), runExists: sourceRunId !== null } : null })),
    aliases,
  };
}

/** Where a version promoted from a run came from, as it was then (it outlives the run and its project). */
export type VersionSource = {
  runId: string;
  runNumber: number;
  runName: string;
  projectId: string;
  projectSlug: string;
  projectName: string;
  componentDigest: string | null;
  upstream: string[];
  inputArtifacts: { path: string; digest: string; size: number }[];
};

type VersionData = z.output<typeof modelVersionInput>;

/**
 * Adds the next numbered version of a model in the caller's transaction (locking the model, so
 * numbers never collide), counting its artifact bytes against the storage tier: past the limit,
 * nothing is registered. With `source`, the version records the run it was promoted from.
 */
export async function insertModelVersion(
  tx: Db,
  actor: OrgActor,
  viewer: { id: string; name: string },
  modelName: string,
  data: VersionData,
  source?: VersionSource,
): Promise<{ model: { id: string; name: string }; version: ModelVersion }> {
  const model = await modelByName(tx, actor, modelName, true);
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${registryModelVersions.number}), 0) + 1`.mapWith(Number) })
    .from(registryModelVersions)
    .where(eq(registryModelVersions.modelId, model.id));
  const bytes = data.artifacts.reduce((sum, a) => sum + a.size, 0);
  await chargeStorage(tx, actor.org.id, bytes);
  const [row] = await tx
    .insert(registryModelVersions)
    .values({
      modelId: model.id,
      number: next,
      description: data.description,
      inputs: data.inputs,
      outputs: data.outputs,
      artifacts: data.artifacts,
      bytes,
      sourceRunId: source?.runId ?? null,
      sourceProjectId: source?.projectId ?? null,
      source: source ?? null,
      createdBy: viewer.id,
    })
    .returning();
  await recordAudit(tx, actor, {
    orgId: actor.org.id,
    action: source ? "registry.version.promoted" : "registry.version.registered",
    targetType: "model",
    targetId: model.id,
    targetLabel: `${model.name} v${next}`,
    after: { version: next, artifacts: data.artifacts.length, ...(source ? { project: source.projectSlug, run: source.runNumber } : {}) },
  });
  const version: ModelVersion = {
    number: row.number,
    description: row.description,
    inputs: row.inputs,
    outputs: row.outputs,
    artifacts: row.artifacts,
    source: source ? { ...source, runExists: true } : null,
    createdAt: row.createdAt,
    createdBy: viewer.name,
  };
  return { model: { id: model.id, name: model.name }, version };
}

/**
 * Registers an immutable, numbered version with its inputs, outputs and artifact digests (owners,
 * admins). Promotion from a run (lib/runs/promote.ts) fills these from the run's record.
 */
export async function registerVersion(actor: OrgActor, name: string, input: z.input<typeof modelVersionInput>): Promise<ModelVersion> {
  gate(actor.principal, "registry.promote");
  const viewer = verifiedViewer(actor);
  const data = parseInput(modelVersionInput, input);
  authorize(actor.principal, "registry.promote");
  const db = await getDb();
  return db.transaction(async (tx) => (await insertModelVersion(tx, actor, viewer, name, data)).version);
}

/**
 * Moves, creates or removes several aliases in one transaction: all of them or none. A protected
 * alias moves only for owners, admins and members of its team; the whole request is refused
 * otherwise.
 */
export async function moveAliases(actor: OrgActor, name: string, input: z.input<typeof pointerMovesInput>): Promise<{ aliases: ModelAlias[]; moved: number }> {
  gate(actor.principal, "registry.alias.move");
  const viewer = verifiedViewer(actor);
  const { moves, reason } = parseInput(pointerMovesInput, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The model's lock orders every alias move of this model: concurrent moves see each other.
    const model = await modelByName(tx, actor, name, true);
    const names = moves.map((m) => m.name);
    const numbers = moves.flatMap((m) => (m.version === null ? [] : [m.version]));
    const [current, versions, myTeams] = await Promise.all([
      tx
        .select({
          name: registryModelAliases.name,
          id: registryModelAliases.versionId,
          number: registryModelVersions.number,
          protected: registryModelAliases.protected,
          teamId: registryModelAliases.protectedTeamId,
          teamName: teams.name,
        })
        .from(registryModelAliases)
        .innerJoin(registryModelVersions, eq(registryModelVersions.id, registryModelAliases.versionId))
        .leftJoin(teams, eq(teams.id, registryModelAliases.protectedTeamId))
        .where(and(eq(registryModelAliases.modelId, model.id), inArray(registryModelAliases.name, names))),
      numbers.length
        ? tx
            .select({ id: registryModelVersions.id, number: registryModelVersions.number })
            .from(registryModelVersions)
            .where(and(eq(registryModelVersions.modelId, model.id), inArray(registryModelVersions.number, numbers)))
        : Promise.resolve([]),
      tx
        .select({ teamId: teamMembers.teamId })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(and(eq(teamMembers.userId, viewer.id), eq(teams.orgId, actor.org.id))),
    ]);
    const inTeam = new Set(myTeams.map((t) => t.teamId));
    for (const alias of current) {
      const facts: AliasFacts = { alias: alias.name, protected: alias.protected, teamName: alias.teamName, inTeam: alias.teamId !== null && inTeam.has(alias.teamId) };
      authorize(actor.principal, "registry.alias.move", facts);
    }
    const plan = planMoves(moves, new Map(current.map((c) => [c.name, c])), new Map(versions.map((v) => [v.number, v.id])), aliasLabel);
    if (plan.length) {
      // The clock after the lock, so the history's order is the order the moves took effect in.
      const [{ now }] = await tx.select({ now: sql<Date>`clock_timestamp()`.mapWith(registryAliasEvents.at) }).from(sql`(select 1) as one`);
      const removed = plan.filter((p) => p.to === null).map((p) => p.name);
      if (removed.length) await tx.delete(registryModelAliases).where(and(eq(registryModelAliases.modelId, model.id), inArray(registryModelAliases.name, removed)));
      const set = plan.filter((p) => p.to !== null);
      if (set.length)
        await tx
          .insert(registryModelAliases)
          .values(set.map((p) => ({ modelId: model.id, name: p.name, versionId: p.to!.id, movedAt: now })))
          .onConflictDoUpdate({ target: [registryModelAliases.modelId, registryModelAliases.name], set: { versionId: sql`excluded.version_id`, movedAt: now } });
      await tx.insert(registryAliasEvents).values(
        plan.map((p) => ({ modelId: model.id, alias: p.name, fromVersionId: p.from?.id ?? null, toVersionId: p.to?.id ?? null, actorId: viewer.id, actorName: viewer.name, reason, at: now })),
      );
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: "registry.aliases.moved",
        targetType: "model",
        targetId: model.id,
        targetLabel: model.name,
        before: Object.fromEntries(plan.map((p) => [`@${p.name}`, p.from?.number ?? null])),
        after: { ...Object.fromEntries(plan.map((p) => [`@${p.name}`, p.to?.number ?? null])), ...(reason ? { reason } : {}) },
      });
    }
    return { aliases: await currentAliases(tx, model.id), moved: plan.length };
  });
}

/** Protects an alias (optionally naming a team that may move it too), or lifts its protection (owners, admins). */
export async function setAliasProtection(actor: OrgActor, name: string, alias: string, input: z.input<typeof aliasProtectionInput>): Promise<ModelAlias> {
  gate(actor.principal, "registry.alias.protect");
  verifiedViewer(actor);
  const data = parseInput(aliasProtectionInput, input);
  authorize(actor.principal, "registry.alias.protect");
  if (!data.protected && data.team !== null) throw new ValidationError("Only a protected alias names a team.", { team: "Only a protected alias names a team." });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const model = await modelByName(tx, actor, name, true);
    const aliasName = pointerName.safeParse(alias);
    const [row] = aliasName.success
      ? await tx
          .select()
          .from(registryModelAliases)
          .where(and(eq(registryModelAliases.modelId, model.id), eq(registryModelAliases.name, aliasName.data)))
      : [];
    if (!row) throw new NotFoundError(`${model.name} has no alias @${alias.slice(0, 80)}.`);
    const team = await teamBySlug(tx, actor.org.id, data.team, "team");
    await tx
      .update(registryModelAliases)
      .set({ protected: data.protected, protectedTeamId: team?.id ?? null })
      .where(and(eq(registryModelAliases.modelId, model.id), eq(registryModelAliases.name, row.name)));
    await recordAudit(tx, actor, {
      orgId: actor.org.id,
      action: "registry.alias.protection_changed",
      targetType: "model",
      targetId: model.id,
      targetLabel: `${model.name}@${row.name}`,
      before: { protected: row.protected, team: row.protectedTeamId },
      after: { protected: data.protected, team: team?.slug ?? null },
    });
    return (await currentAliases(tx, model.id)).find((a) => a.name === row.name)!;
  });
}

/** An alias's history, newest first; with ?at=, the version it pointed to at that time (null: absent then). */
export async function aliasHistory(actor: OrgActor, name: string, alias: string, query: z.input<typeof atQuery>): Promise<{ alias: string; at: string | null; version: number | null; events: AliasEvent[] }> {
  gate(actor.principal, "registry.view");
  const { at } = parseInput(atQuery, query);
  const parsed = pointerName.safeParse(alias);
  if (!parsed.success) throw new NotFoundError(`No alias @${alias.slice(0, 80)}.`);
  const db = await getDb();
  const model = await modelByName(db, actor, name);
  const fromV = sql<number | null>`(select number from ${registryModelVersions} where id = ${registryAliasEvents.fromVersionId})`;
  const toV = sql<number | null>`(select number from ${registryModelVersions} where id = ${registryAliasEvents.toVersionId})`;
  const ofAlias = and(eq(registryAliasEvents.modelId, model.id), eq(registryAliasEvents.alias, parsed.data));
  const events = await db
    .select({ alias: registryAliasEvents.alias, from: fromV, to: toV, actor: registryAliasEvents.actorName, reason: registryAliasEvents.reason, at: registryAliasEvents.at })
    .from(registryAliasEvents)
    .where(and(ofAlias, at ? lte(registryAliasEvents.at, sql`${at}::timestamptz`) : undefined))
    .orderBy(desc(registryAliasEvents.at), desc(registryAliasEvents.id))
    .limit(200);
  const known = events.length > 0 || (at !== undefined && (await db.$count(registryAliasEvents, ofAlias)) > 0);
  if (!known) throw new NotFoundError(`${model.name} has no alias @${parsed.data}.`);
  return { alias: parsed.data, at: at ?? null, version: events[0]?.to ?? null, events };
}

/** Deletes a model with its versions, aliases and their history (owners; admins only their own). */
export async function deleteModel(actor: OrgActor, name: string): Promise<void> {
  gate(actor.principal, "registry.delete");
  const viewer = verifiedViewer(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const model = await modelByName(tx, actor, name, true);
    authorize(actor.principal, "registry.delete", { isCreator: model.createdBy === viewer.id });
    const [{ versions, bytes }] = await tx
      .select({ versions: sql<number>`count(*)`.mapWith(Number), bytes: sql<number>`coalesce(sum(${registryModelVersions.bytes}), 0)`.mapWith(Number) })
      .from(registryModelVersions)
      .where(eq(registryModelVersions.modelId, model.id));
    await tx.delete(registryModels).where(eq(registryModels.id, model.id));
    await releaseStorage(tx, actor.org.id, bytes);
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "registry.model.deleted", targetType: "model", targetId: model.id, targetLabel: model.name, before: { name: model.name, versions, bytes } });
  });
}


/** The latest moves of every alias of a model, newest first: who moved what, when and why. */
export async function modelAliasEvents(actor: OrgActor, name: string, limit = 50): Promise<AliasEvent[]> {
  gate(actor.principal, "registry.view");
  const db = await getDb();
  const model = await modelByName(db, actor, name);
  const fromV = sql<number | null>`(select number from ${registryModelVersions} where id = ${registryAliasEvents.fromVersionId})`;
  const toV = sql<number | null>`(select number from ${registryModelVersions} where id = ${registryAliasEvents.toVersionId})`;
  return db
    .select({ alias: registryAliasEvents.alias, from: fromV, to: toV, actor: registryAliasEvents.actorName, reason: registryAliasEvents.reason, at: registryAliasEvents.at })
    .from(registryAliasEvents)
    .where(eq(registryAliasEvents.modelId, model.id))
    .orderBy(desc(registryAliasEvents.at), desc(registryAliasEvents.id))
    .limit(Math.min(Math.max(limit, 1), 200));
}
