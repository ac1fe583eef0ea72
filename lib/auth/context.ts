import { and, eq, gt, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { prepared } from "@/db/prepared";
import { memberships, orgAuthSettings, organizations, orgSlugRedirects, orgTokenPolicies, personalAccessTokens, sessions, users } from "@/db/schema";
import { NO_SUCH_ORG, orgPrincipal, type ApiArea, type OrgPrincipal, type OrgRole, type OrgVisibility, type SsoPolicy, type TokenRestriction } from "@/lib/authz";
import { AppError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { cookieName } from "@/lib/http/cookie-names";
import { REQUEST_ID_HEADER } from "@/lib/log/request-id";
import { ssoMethodsOf } from "@/lib/sso/providers";
import { findRunToken, isRunToken } from "./run-tokens";
import { hashToken } from "./tokens";

export const SESSION_COOKIE = cookieName("atrium_session");
/** A session unused this long ends (idle lifetime); in use, it slides, up to SESSION_MAX_DAYS after sign-in. */
export const SESSION_DAYS = 14;
/** The absolute lifetime: however busy, a session ends this long after it was opened. */
export const SESSION_MAX_DAYS = 30;
/** The cookie that marks a browser where an account signed in before (lib/accounts/sign-in-throttle). */
export const DEVICE_COOKIE = cookieName("atrium_device");
const TOUCH_AFTER_MS = 5 * 60_000;

/** device: the browser's device cookie, when it sent one. requestId: the id proxy.ts gave the request (absent outside a request), carried into audit events. */
export type RequestMeta = { ip: string | null; userAgent: string | null; device?: string | null; requestId?: string | null };

export type Viewer = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  lastOrgId: string | null;
  /**
   * method: how this session (or the session that created this token) signed in: "password" or an
   * SSO provider's key. emailVouchedBy: the organization whose identity provider asserted the
   * user's address at that sign-in (its word counts for that organization only).
   */
  credential: {
    /** run-token: a project's run token, acting for the person who created it (lib/auth/run-tokens.ts). */
    kind: "session" | "token" | "run-token";
    id: string;
    method: string;
    emailVouchedBy: string | null;
    /** When the person last proved who they are in this session (null for tokens): sudo mode reads it. */
    authenticatedAt: Date | null;
    /** A token's scopes (read-only, API areas), which lib/authz's can() applies; none for sessions. */
    restriction?: TokenRestriction;
    /** The one organization a token may act in (null: any of its owner's); null for sessions. */
    onlyOrgId: string | null;
  };
};

/** The caller of one request: who they are (null when anonymous) and where the request came from. */
export type Actor = { viewer: Viewer | null; meta: RequestMeta };

export type OrgSummary = { id: string; slug: string; name: string; description: string; website: string; visibility: OrgVisibility };

/**
 * An actor looking at one organization, with their membership role in it (null: not a member) and
 * the principal lib/authz decides on. When the organization requires SSO and their sign-in does not
 * satisfy it, the principal counts them as an outsider (ssoPending) until they sign in through its
 * SSO; role stays what it is. sso is kept so the principal can be rebuilt for a role read under a lock.
 */
export type OrgActor = Actor & { org: OrgSummary; role: OrgRole | null; sso: SsoPolicy; principal: OrgPrincipal };

/** What loadActor found about the organization in the URL. */
export type OrgLookup = { row: OrgSummary; role: OrgRole | null; sso: SsoPolicy };
const NO_SSO: SsoPolicy = { required: false, methods: [] };

/** Thrown when an organization was reached by a slug it no longer uses. */
export class OrgMovedError extends AppError {
  constructor(readonly slug: string) {
    super("moved", 308, `This organization is now at /${slug}.`);
  }
}

export function requestMeta(headers: Headers): RequestMeta {
  return {
    ip: clientIp(headers),
    userAgent: headers.get("user-agent")?.slice(0, 400) ?? null,
    device: readCookieHeader(headers, DEVICE_COOKIE),
    requestId: headers.get(REQUEST_ID_HEADER),
  };
}

/** The personal access token of an `Authorization: Bearer` header, if there is one. */
export const bearerToken = (headers: Headers) => headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;

/** A cookie's value, taken as it is: Atrium's cookie values are base64url, so there is nothing to decode. */
function readCookieHeader(headers: Headers, cookie: string): string | null {
  for (const part of headers.get("cookie")?.split(";") ?? []) {
    const [name, ...rest] = part.trim().split("=");
    if (name === cookie) return rest.join("=");
  }
  return null;
}

/** The session cookie's value. */
export const sessionCookie = (headers: Headers) => readCookieHeader(headers, SESSION_COOKIE);

function readCredential(headers: Headers): { kind: "session" | "token"; token: string } | null {
  const bearer = bearerToken(headers);
  if (bearer) return { kind: "token", token: bearer };
  const session = sessionCookie(headers);
  return session ? { kind: "session", token: session } : null;
}

/**
 * The request's one query, for a session cookie or an access token: credential → live user →
 * organization by slug (none when the slug is null) → membership.
 */
function prepareActorQuery(db: Db, kind: "session" | "token") {
  const cred =
    kind === "session"
      ? {
          table: sessions,
          id: sessions.id,
          userId: sessions.userId,
          lastUsedAt: sessions.lastUsedAt,
          method: sessions.method,
          emailVouchedBy: sessions.emailVouchedBy,
          createdAt: sessions.createdAt,
          authenticatedAt: sql<Date | null>`${sessions.authenticatedAt}`.mapWith(sessions.authenticatedAt),
          readOnly: sql<boolean | null>`null::boolean`,
          areas: sql<string[] | null>`null::text[]`,
          tokenOrgId: sql<string | null>`null::uuid`,
          // Idle and absolute lifetime both.
          live: and(
            eq(sessions.tokenHash, sql.placeholder("hash")),
            gt(sessions.expiresAt, sql`now()`),
            gt(sessions.createdAt, sql`now() - make_interval(days => ${SESSION_MAX_DAYS})`),
          ),
        }
      : {
          table: personalAccessTokens,
          id: personalAccessTokens.id,
          userId: personalAccessTokens.userId,
          lastUsedAt: personalAccessTokens.lastUsedAt,
          method: personalAccessTokens.method,
          emailVouchedBy: sql<string | null>`null::uuid`,
          createdAt: personalAccessTokens.createdAt,
          authenticatedAt: sql<Date | null>`null::timestamptz`,
          readOnly: sql<boolean | null>`${personalAccessTokens.readOnly}`,
          areas: sql<string[] | null>`${personalAccessTokens.areas}`,
          tokenOrgId: sql<string | null>`${personalAccessTokens.orgId}`,
          // A token of an unverified account never works (issue 9: pre-takeover), whenever it was made.
          live: and(
            eq(personalAccessTokens.tokenHash, sql.placeholder("hash")),
            or(isNull(personalAccessTokens.expiresAt), gt(personalAccessTokens.expiresAt, sql`now()`)),
            isNotNull(users.emailVerifiedAt),
          ),
        };
  return db
    .select({
      credentialId: cred.id,
      lastUsedAt: cred.lastUsedAt,
      method: cred.method,
      emailVouchedBy: cred.emailVouchedBy,
      createdAt: cred.createdAt,
      authenticatedAt: cred.authenticatedAt,
      readOnly: cred.readOnly,
      areas: cred.areas,
      tokenOrgId: cred.tokenOrgId,
      userId: users.id,
      name: users.name,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      lastOrgId: users.lastOrgId,
      org: {
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        description: organizations.description,
        website: organizations.website,
        visibility: organizations.visibility,
      },
      role: memberships.role,
      // The SSO requirement rides along in the same query: SSO costs ordinary requests nothing.
      sso: { requireSso: orgAuthSettings.requireSso, providers: orgAuthSettings.providers, oidcIssuer: orgAuthSettings.oidcIssuer },
      // The organization's longest token lifetime rides along too (tokens only read it).
      maxTokenDays: orgTokenPolicies.maxTokenDays,
    })
    .from(cred.table)
    .innerJoin(users, and(eq(users.id, cred.userId), isNull(users.disabledAt)))
    .leftJoin(organizations, and(eq(organizations.slug, sql.placeholder("slug")), isNull(organizations.deletedAt)))
    .leftJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, users.id)))
    .leftJoin(orgAuthSettings, eq(orgAuthSettings.orgId, organizations.id))
    .leftJoin(orgTokenPolicies, eq(orgTokenPolicies.orgId, organizations.id))
    .where(cred.live)
    .limit(1)
    .prepare(`actor_by_${kind}`);
}

const actorQueries = prepared((db) => ({ session: prepareActorQuery(db, "session"), token: prepareActorQuery(db, "token") }));

/**
 * Resolves credential → user → (organization, membership) in one query (DESIGN §6). Roles always come
 * from the database, so a removed member or a revoked session loses access on the next request.
 */
export async function loadActor(headers: Headers, orgSlug?: string): Promise<{ actor: Actor; org?: OrgLookup }> {
  const meta = requestMeta(headers);
  const credential = readCredential(headers);
  const db = await getDb();
  const slug = orgSlug?.toLowerCase();
  // Not a slug any organization could have (or held): nothing to look up.
  if (slug !== undefined && !/^[a-z0-9-]{1,100}$/.test(slug)) throw new NotFoundError(NO_SUCH_ORG);

  if (!credential) {
    if (!slug) return { actor: { viewer: null, meta } };
    return { actor: { viewer: null, meta }, org: { row: await findOrg(slug, null), role: null, sso: NO_SSO } };
  }

  if (credential.kind === "token" && isRunToken(credential.token)) return runTokenActor(db, credential.token, slug, meta);

  const [row] = await actorQueries(db)[credential.kind].execute({ hash: hashToken(credential.token), slug: slug ?? null });

  if (!row) {
    if (credential.kind === "token") throw new UnauthenticatedError("The access token is invalid or expired.");
    return slug ? { actor: { viewer: null, meta }, org: { row: await findOrg(slug, null), role: null, sso: NO_SSO } } : { actor: { viewer: null, meta } };
  }

  await touch(credential.kind, row.credentialId, row.lastUsedAt);
  const token = credential.kind === "token";
  const restriction: TokenRestriction | undefined = token ? { readOnly: row.readOnly ?? false, areas: row.areas?.length ? (row.areas as ApiArea[]) : "all" } : undefined;
  const viewer: Viewer = {
    id: row.userId,
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    lastOrgId: row.lastOrgId,
    credential: { kind: credential.kind, id: row.credentialId, method: row.method, emailVouchedBy: row.emailVouchedBy, authenticatedAt: row.authenticatedAt, restriction, onlyOrgId: row.tokenOrgId },
  };
  if (!slug) return { actor: { viewer, meta } };
  if (!row.org) return { actor: { viewer, meta }, org: { row: await findOrg(slug, viewer.id), role: null, sso: NO_SSO } };
  const sso = row.sso?.requireSso ? { required: true, methods: ssoMethodsOf(row.org.id, row.sso) } : NO_SSO;
  // A token restricted to another organization acts here as someone who is not a member.
  const role = row.tokenOrgId && row.tokenOrgId !== row.org.id ? null : row.role;
  if (token && role && row.maxTokenDays !== null && Date.now() - row.createdAt.getTime() > row.maxTokenDays * 86_400_000) {
    throw new UnauthenticatedError(`${row.org.name} accepts access tokens for at most ${row.maxTokenDays} days after they are created: create a new one.`);
  }
  return { actor: { viewer, meta }, org: { row: row.org, role, sso } };
}

/**
 * The caller of a run token: its creator, restricted to the runs of the token's project. It means
 * nothing outside its organization's routes. The org principal counts it as no member (the
 * restriction carries the creator's role for lib/authz to cap the token at).
 */
async function runTokenActor(db: Db, token: string, slug: string | undefined, meta: RequestMeta): Promise<{ actor: Actor; org?: OrgLookup }> {
  if (!slug) throw new UnauthenticatedError("A run token only works on the runs API of its project.");
  const row = await findRunToken(db, token, slug);
  const viewer: Viewer = {
    id: row.creator.id,
    name: `${row.creator.name} (run token ${row.name})`,
    email: row.creator.email,
    emailVerified: true,
    lastOrgId: row.creator.lastOrgId,
    credential: {
      kind: "run-token",
      id: row.id,
      method: "run-token",
      emailVouchedBy: null,
      authenticatedAt: null,
      restriction: { readOnly: false, areas: ["runs"], runToken: { projectId: row.projectId, creatorRole: row.role } },
      onlyOrgId: row.orgId,
    },
  };
  return { actor: { viewer, meta }, org: { row: row.org ?? (await findOrg(slug, null)), role: null, sso: NO_SSO } };
}

/**
 * The organization by slug; NotFound when there is none. An old slug redirects only people who may
 * know where it went: members, or anyone when the organization is public.
 */
async function findOrg(slug: string, viewerId: string | null): Promise<OrgSummary> {
  const db = await getDb();
  const [org] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, description: organizations.description, website: organizations.website, visibility: organizations.visibility })
    .from(organizations)
    .where(and(eq(organizations.slug, slug), isNull(organizations.deletedAt)));
  if (org) return org;
  const [moved] = await db
    .select({ slug: organizations.slug, visibility: organizations.visibility, memberId: memberships.userId })
    .from(orgSlugRedirects)
    .innerJoin(organizations, and(eq(organizations.id, orgSlugRedirects.orgId), isNull(organizations.deletedAt)))
    .leftJoin(memberships, and(eq(memberships.orgId, organizations.id), viewerId ? eq(memberships.userId, viewerId) : sql`false`))
    .where(eq(orgSlugRedirects.slug, slug));
  if (moved && (moved.visibility === "public" || moved.memberId)) throw new OrgMovedError(moved.slug);
  // Signed in or not, whoever may not follow the old name gets the same answer as for no organization.
  throw new NotFoundError(NO_SUCH_ORG);
}

/** Records last use at most every few minutes, so ordinary requests stay read-only. */
async function touch(kind: "session" | "token", id: string, lastUsedAt: Date | null) {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < TOUCH_AFTER_MS) return;
  const db = await getDb();
  if (kind === "token") {
    await db.update(personalAccessTokens).set({ lastUsedAt: sql`now()` }).where(eq(personalAccessTokens.id, id));
  } else {
    // Sessions slide while in use, never past their absolute lifetime.
    await db
      .update(sessions)
      .set({ lastUsedAt: sql`now()`, expiresAt: sql`least(now() + make_interval(days => ${SESSION_DAYS}), ${sessions.createdAt} + make_interval(days => ${SESSION_MAX_DAYS}))` })
      .where(eq(sessions.id, id));
  }
}

export function toOrgActor(actor: Actor, org: OrgLookup): OrgActor {
  return { ...actor, org: org.row, role: org.role, sso: org.sso, principal: principalWithRole(actor, org.row.visibility, org.sso, org.role) };
}

/** The actor's principal for a membership role read later (under a lock): the same constructor, fresh facts. */
export const withRole = (actor: OrgActor, role: OrgRole | null): OrgActor => ({ ...actor, role, principal: principalWithRole(actor, actor.org.visibility, actor.sso, role) });

const principalWithRole = (actor: Actor, orgVisibility: OrgVisibility, sso: SsoPolicy, role: OrgRole | null) =>
  orgPrincipal({ signedIn: actor.viewer !== null, membershipRole: role, orgVisibility, sso, method: actor.viewer?.credential.method, token: actor.viewer?.credential.restriction });

export function requireViewer(actor: Actor): Viewer {
  if (!actor.viewer) throw new UnauthenticatedError();
  return actor.viewer;
}
