import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { memberships, organizations, orgTokenPolicies, personalAccessTokens } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor } from "@/lib/auth/context";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { ForbiddenError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { createTokenInput } from "./schemas";
import { requireRecentAuth } from "./sudo";

const MAX_TOKENS = 50;

export async function listAccessTokens(actor: Actor) {
  const viewer = requireViewer(actor);
  const db = await getDb();
  return db
    .select({
      id: personalAccessTokens.id,
      name: personalAccessTokens.name,
      prefix: personalAccessTokens.prefix,
      readOnly: personalAccessTokens.readOnly,
      areas: personalAccessTokens.areas,
      orgName: organizations.name,
      expiresAt: personalAccessTokens.expiresAt,
      lastUsedAt: personalAccessTokens.lastUsedAt,
      createdAt: personalAccessTokens.createdAt,
    })
    .from(personalAccessTokens)
    .leftJoin(organizations, eq(organizations.id, personalAccessTokens.orgId))
    .where(eq(personalAccessTokens.userId, viewer.id))
    .orderBy(desc(personalAccessTokens.createdAt));
}

/**
 * Creates a personal access token: only with a verified address (an unverified account reaches
 * nobody) and in sudo mode. It may be read-only, limited to some API areas and to one of the
 * person's organizations, whose owners may cap how long a token lives there. The secret is returned
 * once, here, and stored only as a hash.
 */
export async function createAccessToken(actor: Actor, input: z.input<typeof createTokenInput>) {
  const viewer = requireViewer(actor);
  if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address first: then you can create access tokens.");
  requireRecentAuth(actor);
  const data = parseInput(createTokenInput, input);
  const token = newToken("atr_");
  const db = await getDb();
  return db.transaction(async (tx) => {
    let org: { id: string; name: string; maxTokenDays: number | null } | null = null;
    if (data.org) {
      [org] = await tx
        .select({ id: organizations.id, name: organizations.name, maxTokenDays: orgTokenPolicies.maxTokenDays })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.orgId))
        .leftJoin(orgTokenPolicies, eq(orgTokenPolicies.orgId, organizations.id))
        .where(and(eq(memberships.userId, viewer.id), eq(organizations.slug, data.org.toLowerCase())));
      if (!org) throw new ValidationError("Pick one of your organizations.", { org: "Pick one of your organizations." });
      if (org.maxTokenDays !== null && (data.expiresInDays === 0 || data.expiresInDays > org.maxTokenDays)) {
        const message = `${org.name} allows tokens for at most ${org.maxTokenDays} days.`;
        throw new ValidationError(message, { expiresInDays: message });
      }
    }
    const existing = await tx.$count(personalAccessTokens, eq(personalAccessTokens.userId, viewer.id));
    if (existing >= MAX_TOKENS) throw new ValidationError(`You can keep at most ${MAX_TOKENS} tokens. Revoke one first.`);
    const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
    const areas = data.areas?.length ? [...new Set(data.areas)] : null;
    const [row] = await tx
      .insert(personalAccessTokens)
      // The token signs in the way the session that made it did (an organization requiring SSO accepts it only then).
      .values({ userId: viewer.id, name: data.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), method: viewer.credential.method, expiresAt, readOnly: data.access === "read", areas, orgId: org?.id ?? null })
      .returning({ id: personalAccessTokens.id, name: personalAccessTokens.name, expiresAt: personalAccessTokens.expiresAt, readOnly: personalAccessTokens.readOnly, areas: personalAccessTokens.areas, orgId: personalAccessTokens.orgId });
    await recordAudit(tx, actor, { orgId: null, action: "token.created", targetType: "token", targetId: row.id, targetLabel: row.name, after: { readOnly: row.readOnly, areas, org: org?.name ?? null, expiresAt } });
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
