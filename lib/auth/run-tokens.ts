import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organizations, runTokens, users } from "@/db/schema";
import { UnauthenticatedError } from "@/lib/errors";
import { hashToken } from "./tokens";

/** Every run token starts with this, so a request's bearer token says which table to look in. */
export const RUN_TOKEN_PREFIX = "atr_run_";
export const isRunToken = (token: string) => token.startsWith(RUN_TOKEN_PREFIX);

const TOUCH_AFTER_MS = 5 * 60_000;

/**
 * A run token → its project, its organization (when it is the one in the URL) and the person who
 * created it with their membership role there, in one query. The token acts for its creator (runs
 * record them as creator) but only as far as lib/authz's run-token principal lets it.
 */
export async function findRunToken(db: Db, token: string, slug: string) {
  const [row] = await db
    .select({
      id: runTokens.id,
      name: runTokens.name,
      projectId: runTokens.projectId,
      orgId: runTokens.orgId,
      lastUsedAt: runTokens.lastUsedAt,
      creator: { id: users.id, name: users.name, email: users.email, lastOrgId: users.lastOrgId },
      org: { id: organizations.id, slug: organizations.slug, name: organizations.name, description: organizations.description, website: organizations.website, visibility: organizations.visibility },
      role: memberships.role,
    })
    .from(runTokens)
    .innerJoin(users, and(eq(users.id, runTokens.createdBy), isNull(users.disabledAt), isNotNull(users.emailVerifiedAt)))
    .leftJoin(organizations, and(eq(organizations.id, runTokens.orgId), eq(organizations.slug, slug), isNull(organizations.deletedAt)))
    .leftJoin(memberships, and(eq(memberships.orgId, runTokens.orgId), eq(memberships.userId, users.id)))
    .where(eq(runTokens.tokenHash, hashToken(token)));
  if (!row) throw new UnauthenticatedError("The run token is invalid or was revoked.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(runTokens).set({ lastUsedAt: sql`now()` }).where(eq(runTokens.id, row.id));
  }
  return row;
}
