import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { identities, memberships, organizations, sessions, users } from "@/db/schema";
import { createSession } from "@/lib/accounts/sessions";
import { recordAudit } from "@/lib/audit/record";
import { domainOfEmail } from "@/lib/auth-settings/domains";
import type { Actor, RequestMeta } from "@/lib/auth/context";
import { sealJson } from "@/lib/auth/sealed";
import { cookieName } from "@/lib/http/cookie-names";
import { applyOpenJoin, type JoinCandidate } from "@/lib/members/open-join";
import { SsoFailedError } from "./errors";
import type { Attempt } from "./flow";
import type { SsoProfile } from "./profile";
import type { ResolvedProvider } from "./registry";

type Session = Awaited<ReturnType<typeof createSession>>;

/** Where a finished SSO sign-in goes: signed in, or to the page that links an existing account. */
export type SsoOutcome = { kind: "signed-in"; session: Session; redirectTo: string } | { kind: "link"; pending: string; redirectTo: string };

/** An identity that matched an existing account by email and waits to be linked (sealed in a cookie). */
export type PendingLink = {
  p: string;
  /** The organization the sign-in was for. */
  o: string | null;
  sub: string;
  email: string;
  ev: boolean;
  groups: string[] | null;
  next: string | null;
  /** The account that already uses the address. */
  u: string;
};
export const PENDING_LINK_COOKIE = cookieName("atrium_sso_link");
export const PENDING_LINK_SECONDS = 900;

export const userColumns = { id: users.id, name: users.name, email: users.email, emailVerifiedAt: users.emailVerifiedAt, disabledAt: users.disabledAt };
type UserRow = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };

/**
 * An organization's own provider is trusted only for verified addresses in that organization's
 * domains: anything else is refused before a row is read, so another organization's provider can
 * never speak for this one's people.
 */
function assertTrusted(provider: ResolvedProvider, profile: SsoProfile) {
  if (!provider.org) return;
  if (!profile.email) throw new SsoFailedError("email_missing");
  if (!profile.emailVerified) throw new SsoFailedError("email_unverified");
  const domain = domainOfEmail(profile.email);
  if (!domain || !provider.org.domains.includes(domain)) throw new SsoFailedError("email_domain");
}

export async function insertIdentity(tx: Db, userId: string, providerKey: string, orgId: string | null, profile: Pick<SsoProfile, "subject" | "email" | "emailVerified" | "groups">) {
  const [row] = await tx
    .insert(identities)
    .values({ userId, provider: providerKey, subject: profile.subject, orgId, email: profile.email ?? "", emailVerified: profile.emailVerified, groups: profile.groups, lastSignInAt: sql`now()` })
    .onConflictDoNothing()
    .returning({ id: identities.id });
  // A parallel request linked the same identity a moment ago: fine when it went to the same account.
  if (!row) {
    const [existing] = await tx.select({ userId: identities.userId }).from(identities).where(and(eq(identities.provider, providerKey), eq(identities.subject, profile.subject)));
    if (existing?.userId !== userId) throw new SsoFailedError("identity_taken");
  }
}

/** The trail of a link: the person's own, and the organization's when it is that organization's provider. */
export const auditLink = (tx: Db, provider: { key: string; orgId: string | null }, user: { id: string; name: string; email: string }, meta: RequestMeta) =>
  recordAudit(tx, { viewer: user, meta }, { orgId: provider.orgId, action: "user.identity_linked", targetType: "user", targetId: user.id, targetLabel: user.email, after: { provider: provider.key } });

/**
 * After the person is known: a session that records how they signed in (and, for an organization's
 * provider, that it vouched for their address), open join into the organization they came for (or,
 * for a new account, the one that claims their domain), and where to go next.
 */
export async function openSsoSession(
  tx: Db,
  meta: RequestMeta,
  user: UserRow,
  sso: { key: string; orgId: string | null; vouched: boolean; attemptOrgId: string | null; next: string | null; created: boolean },
) {
  const emailVouchedBy = sso.orgId && sso.vouched ? sso.orgId : null;
  const session = await createSession(tx, user.id, meta, { method: sso.key, emailVouchedBy });
  const who: JoinCandidate = { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerifiedAt !== null, emailVouchedBy, method: sso.key };
  const via = sso.orgId ? "sso" : "open_join";
  const joined = sso.attemptOrgId ? await applyOpenJoin(tx, meta, who, { via, onlyOrgId: sso.attemptOrgId }) : sso.created ? await applyOpenJoin(tx, meta, who, { via }) : null;
  if (sso.next) return { session, redirectTo: sso.next };
  if (joined) return { session, redirectTo: `/${joined.org.slug}` };
  if (sso.attemptOrgId) {
    const [home] = await tx
      .select({ slug: organizations.slug })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(memberships.orgId, sso.attemptOrgId), eq(memberships.userId, user.id)));
    if (home) return { session, redirectTo: `/${home.slug}` };
  }
  return { session, redirectTo: "/" };
}

/**
 * Signs in the person a provider just authenticated. Identity is keyed by (provider, subject): a
 * known identity signs its account in; a person signed in when the attempt began links it to their
 * account; an unknown identity whose address an account already uses is never attached by itself
 * (the person links it by signing in to that account, or by a confirmation mail); otherwise a new
 * account is made. Addresses count as verified for everyone only from instance providers.
 */
export async function completeSsoSignIn(actor: Actor, attempt: Attempt, provider: ResolvedProvider, profile: SsoProfile): Promise<SsoOutcome> {
  assertTrusted(provider, profile);
  const linkTo = attempt.u && actor.viewer?.id === attempt.u ? actor.viewer : null;
  const orgId = provider.org?.id ?? null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [identity] = await tx
      .select({ id: identities.id, userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.provider, provider.key), eq(identities.subject, profile.subject)))
      .for("update");
    let user: UserRow | undefined;
    let created = false;
    if (linkTo) {
      if (identity && identity.userId !== linkTo.id) throw new SsoFailedError("identity_taken");
      if (!profile.emailVerified) throw new SsoFailedError("email_unverified");
      [user] = await tx.select(userColumns).from(users).where(eq(users.id, linkTo.id));
      if (user && !identity) {
        await insertIdentity(tx, user.id, provider.key, orgId, profile);
        await auditLink(tx, { key: provider.key, orgId }, user, actor.meta);
      }
      // The SSO session replaces the one the link started from.
      if (linkTo.credential.kind === "session") await tx.delete(sessions).where(eq(sessions.id, linkTo.credential.id));
    } else if (identity) {
      [user] = await tx.select(userColumns).from(users).where(eq(users.id, identity.userId));
    } else {
      if (!profile.email) throw new SsoFailedError("email_missing");
      const emailVerifiedAt = !provider.org && profile.emailVerified ? new Date() : null;
      [user] = await tx.insert(users).values({ name: profile.name, email: profile.email, emailVerifiedAt }).onConflictDoNothing({ target: users.email }).returning(userColumns);
      if (!user) {
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, profile.email));
        const pending: PendingLink = { p: provider.key, o: attempt.o, sub: profile.subject, email: profile.email, ev: profile.emailVerified, groups: profile.groups, next: attempt.next, u: existing.id };
        return { kind: "link", pending: sealJson("sso pending link", pending, PENDING_LINK_SECONDS), redirectTo: "/sso/link" };
      }
      created = true;
      await insertIdentity(tx, user.id, provider.key, orgId, profile);
      await recordAudit(tx, { viewer: user, meta: actor.meta }, { orgId: null, action: "user.signed_up", targetType: "user", targetId: user.id, targetLabel: user.email, after: { via: provider.key } });
    }
    if (!user || user.disabledAt) throw new SsoFailedError("account_disabled");
    if (identity) {
      await tx
        .update(identities)
        .set({ lastSignInAt: sql`now()`, emailVerified: profile.emailVerified, groups: profile.groups, ...(profile.email ? { email: profile.email } : {}) })
        .where(eq(identities.id, identity.id));
    }
    const vouched = profile.email === user.email;
    const opened = await openSsoSession(tx, actor.meta, user, { key: provider.key, orgId, vouched, attemptOrgId: attempt.o, next: attempt.next, created });
    return { kind: "signed-in", ...opened };
  });
}
