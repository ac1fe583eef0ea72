import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { personalAccessTokens } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor } from "@/lib/auth/context";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { createTokenInput } from "./schemas";

const MAX_TOKENS = 50;

export async function listAccessTokens(actor: Actor) {
  const viewer = requireViewer(actor);
  const db = await getDb();
  return db
    .select({ id: personalAccessTokens.id, name: personalAccessTokens.name, prefix: personalAccessTokens.prefix, expiresAt: personalAccessTokens.expiresAt, lastUsedAt: personalAccessTokens.lastUsedAt, createdAt: personalAccessTokens.createdAt })
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.userId, viewer.id))
    .orderBy(desc(personalAccessTokens.createdAt));
}

/** Creates a personal access token. The secret is returned once, here, and stored only as a hash. */
export async function createAccessToken(actor: Actor, input: z.input<typeof createTokenInput>) {
  const viewer = requireViewer(actor);
  const data = parseInput(createTokenInput, input);
  const token = newToken("atr_");
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const existing = await tx.$count(personalAccessTokens, eq(personalAccessTokens.userId, viewer.id));
    if (existing >= MAX_TOKENS) throw new ValidationError(`You can keep at most ${MAX_TOKENS} tokens. Revoke one first.`);
    const [row] = await tx
      .insert(personalAccessTokens)
      // The token signs in the way the session that made it did (an organization requiring SSO accepts it only then).
      .values({ userId: viewer.id, name: data.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), method: viewer.credential.method, expiresAt })
      .returning({ id: personalAccessTokens.id, name: personalAccessTokens.name, expiresAt: personalAccessTokens.expiresAt });
    await recordAudit(tx, actor, { orgId: null, action: "token.created", targetType: "token", targetId: row.id, targetLabel: row.name });
    return { ...row, token };
  });
}

export async function revokeAccessToken(actor: Actor, tokenId: string) {
  const viewer = requireViewer(actor);
  const id = z.uuid().safeParse(tokenId);
  if (!id.success) throw new NotFoundError("No such token.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(personalAccessTokens)
      .where(and(eq(personalAccessTokens.id, id.data), eq(personalAccessTokens.userId, viewer.id)))
      .returning({ id: personalAccessTokens.id, name: personalAccessTokens.name });
    if (!row) throw new NotFoundError("No such token.");
    await recordAudit(tx, actor, { orgId: null, action: "token.revoked", targetType: "token", targetId: row.id, targetLabel: row.name });
  });
}
