import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { runTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type OrgActor } from "@/lib/auth/context";
import { RUN_TOKEN_PREFIX } from "@/lib/auth/run-tokens";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { authorize, gate } from "@/lib/authz";
import { ForbiddenError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { PROJECT_ARCHIVED, runsProject } from "./queries";
import { revokeRunTokenInput, runTokenInput } from "./schemas";

const MAX_TOKENS_PER_PROJECT = 50;

export type RunTokenInfo = { id: string; name: string; prefix: string; createdBy: string | null; createdAt: Date; lastUsedAt: Date | null };

/** The project's run tokens, newest first (never their secrets). Project write. */
export async function listRunTokens(actor: OrgActor, projectSlug: string): Promise<{ items: RunTokenInfo[] }> {
  const db = await getDb();
  const { project, principal } = await runsProject(db, actor, projectSlug);
  authorize(principal, "run.token.manage");
  const items = await db
    .select({ id: runTokens.id, name: runTokens.name, prefix: runTokens.prefix, createdBy: users.name, createdAt: runTokens.createdAt, lastUsedAt: runTokens.lastUsedAt })
    .from(runTokens)
    .leftJoin(users, eq(users.id, runTokens.createdBy))
    .where(eq(runTokens.projectId, project.id))
    .orderBy(desc(runTokens.createdAt));
  return { items };
}

/**
 * Creates a run token for the project: it creates, updates and reads that project's runs and
 * nothing else, for as long as its creator keeps write there. The secret is returned once, here;
 * only its hash is stored. Project write, signed in as a person (not through another token of this kind).
 */
export async function createRunToken(actor: OrgActor, projectSlug: string, input: z.input<typeof runTokenInput>): Promise<RunTokenInfo & { token: string }> {
  const db = await getDb();
  gate((await runsProject(db, actor, projectSlug)).principal, "run.token.manage");
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first.");
  const { name } = parseInput(runTokenInput, input);
  const token = newToken(RUN_TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "update");
    authorize(principal, "run.token.manage");
    if (project.archivedAt) throw PROJECT_ARCHIVED;
    if ((await tx.$count(runTokens, eq(runTokens.projectId, project.id))) >= MAX_TOKENS_PER_PROJECT) {
      throw new ValidationError(`A project keeps at most ${MAX_TOKENS_PER_PROJECT} run tokens. Revoke one first.`);
    }
    const [row] = await tx
      .insert(runTokens)
      .values({ orgId: actor.org.id, projectId: project.id, name, tokenHash: hashToken(token), prefix: token.slice(0, RUN_TOKEN_PREFIX.length + 4), createdBy: viewer.id })
      .returning();
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "run_token.created", targetType: "project", targetId: project.id, targetLabel: `${project.slug}: ${name}`, after: { name, prefix: row.prefix } });
    return { id: row.id, name: row.name, prefix: row.prefix, createdBy: viewer.name, createdAt: row.createdAt, lastUsedAt: null, token };
  });
}

/** Revokes a run token of the project: its next request is refused. Project write. */
export async function revokeRunToken(actor: OrgActor, projectSlug: string, input: z.input<typeof revokeRunTokenInput>): Promise<void> {
  const db = await getDb();
  gate((await runsProject(db, actor, projectSlug)).principal, "run.token.manage");
  const { id } = parseInput(revokeRunTokenInput, input);
  await db.transaction(async (tx) => {
    const { project, principal } = await runsProject(tx, actor, projectSlug, "share");
    authorize(principal, "run.token.manage");
    const [row] = await tx
      .delete(runTokens)
      .where(and(eq(runTokens.id, id), eq(runTokens.projectId, project.id)))
      .returning({ id: runTokens.id, name: runTokens.name });
    if (!row) throw new NotFoundError("No such run token in this project.");
    await recordAudit(tx, actor, { orgId: actor.org.id, action: "run_token.revoked", targetType: "project", targetId: project.id, targetLabel: `${project.slug}: ${row.name}` });
  });
}
