import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { emailTokens, identities, memberships, orgAuthSettings, organizations, sessions, users } from "@/db/schema";
import { issueToken, MAILS_PER_ADDRESS, markEmailVerified, redeemToken } from "@/lib/accounts/email-links";
import { recordAudit } from "@/lib/audit/record";
import { requireViewer, type Actor, type RequestMeta } from "@/lib/auth/context";
import { unsealJson } from "@/lib/auth/sealed";
import { hashToken } from "@/lib/auth/tokens";
import { appUrl } from "@/lib/config";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { deliverSoon, enqueueMail } from "@/lib/mail/outbox";
import { linkIdentityMail } from "@/lib/mail/templates";
import { consume } from "@/lib/rate-limit";
import { SsoFailedError } from "./errors";
import { configuredProviders, INSTANCE_PROVIDER_NAMES, orgIdOfProviderKey, orgProviderKey, type InstanceProviderId } from "./providers";
import { resolveProvider } from "./registry";
import { auditLink, insertIdentity, openSsoSession, userColumns, type PendingLink } from "./sign-in";

const pendingOf = (cookie: string | null | undefined) => unsealJson<PendingLink>("sso pending link", cookie);


/** What the link page shows about the identity waiting in this browser; null when there is none. */
export async function pendingLinkView(cookie: string | null | undefined) {
  const pending = pendingOf(cookie);
  const provider = pending ? await resolveProvider(pending.p) : null;
  return pending && provider ? { providerName: provider.name, email: pending.email, emailVerified: pending.ev } : null;
}

/** Links the identity waiting in this browser to the signed-in account and signs in through it. */
export async function linkPendingIdentity(actor: Actor, cookie: string | null | undefined) {
  const viewer = requireViewer(actor);
  const pending = pendingOf(cookie);
  if (!pending) throw new SsoFailedError("link_expired");
  if (!pending.ev) throw new SsoFailedError("email_unverified");
  const provider = await resolveProvider(pending.p);
  if (!provider) throw new SsoFailedError("unavailable");
  const orgId = provider.org?.id ?? null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select(userColumns).from(users).where(eq(users.id, viewer.id));
    await insertIdentity(tx, user.id, provider.key, orgId, { subject: pending.sub, email: pending.email, emailVerified: true, groups: pending.groups });
    await auditLink(tx, { key: provider.key, orgId }, user, actor.meta);
    if (viewer.credential.kind === "session") await tx.delete(sessions).where(eq(sessions.id, viewer.credential.id));
    return openSsoSession(tx, actor.meta, user, { key: provider.key, orgId, vouched: pending.email === user.email, attemptOrgId: pending.o, next: pending.next, created: false });
  });
}

/** Mails a confirmation link to the address the waiting identity matched (only a verified one). */
export async function sendLinkConfirmation(cookie: string | null | undefined) {
  const pending = pendingOf(cookie);
  if (!pending) throw new SsoFailedError("link_expired");
  if (!pending.ev) throw new SsoFailedError("email_unverified");
  const provider = await resolveProvider(pending.p);
  if (!provider) throw new SsoFailedError("unavailable");
  const db = await getDb();
  await consume(db, `mail:${pending.email}`, MAILS_PER_ADDRESS);
  await db.transaction(async (tx) => {
    const payload = { p: pending.p, o: pending.o, sub: pending.sub, groups: pending.groups };
    const token = await issueToken(tx, pending.u, pending.email, "link_identity", payload);
    await enqueueMail(tx, linkIdentityMail(pending.email, provider.name, `${appUrl()}/sso/link/${token}`));
  });
  deliverSoon();
  return { email: pending.email };
}

/** What an emailed link would link, to show before the button; null when the link is not live. Reading changes nothing. */
export async function linkRequestView(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({ email: emailTokens.email, payload: emailTokens.payload })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, "link_identity"), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)));
  const payload = linkPayload.safeParse(row?.payload);
  const provider = payload.success ? await resolveProvider(payload.data.p) : null;
  return row && provider ? { providerName: provider.name, email: row.email } : null;
}

const linkPayload = z.object({ p: z.string(), o: z.string().nullable(), sub: z.string(), groups: z.array(z.string()).nullable() });

/**
 * The emailed confirmation: links the identity to the account that owns the address (the link
 * proves the mailbox, so it verifies the address too). In the browser that signed in to the
 * provider a moment ago, it also signs in; elsewhere the person signs in through the provider next.
 */
export async function confirmLinkByEmail(token: string, cookie: string | null | undefined, meta: RequestMeta) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const redeemed = await redeemToken(tx, token, "link_identity");
    const payload = linkPayload.safeParse(redeemed?.payload);
    if (!redeemed || !payload.success) throw new NotFoundError("This link is invalid, used or expired. Sign in with SSO again to get a new one.");
    const { p, o, sub, groups } = payload.data;
    const provider = await resolveProvider(p, tx);
    if (!provider) throw new SsoFailedError("unavailable");
    const user = await markEmailVerified(tx, redeemed.userId, redeemed.email, meta);
    if (!user) throw new NotFoundError("This link was sent to an address the account no longer uses.");
    const orgId = orgIdOfProviderKey(p);
    await insertIdentity(tx, user.id, p, orgId, { subject: sub, email: redeemed.email, emailVerified: true, groups });
    await auditLink(tx, { key: p, orgId }, user, meta);
    const pending = pendingOf(cookie);
    if (pending?.p !== p || pending.sub !== sub || user.disabledAt) return { session: null, redirectTo: "/signin?linked=1" };
    return openSsoSession(tx, meta, user, { key: p, orgId, vouched: true, attemptOrgId: o, next: pending.next, created: false });
  });
}

export type IdentityRow = { id: string; provider: string; name: string; email: string; groups: string[] | null; createdAt: Date; lastSignInAt: Date | null };

/** The signed-in person's linked identities, and the providers they could link next. */
export async function listIdentities(actor: Actor) {
  const viewer = requireViewer(actor);
  const db = await getDb();
  const [rows, orgProviders] = await Promise.all([
    db
      .select({
        id: identities.id,
        provider: identities.provider,
        orgName: organizations.name,
        displayName: orgAuthSettings.oidcDisplayName,
        email: identities.email,
        groups: identities.groups,
        createdAt: identities.createdAt,
        lastSignInAt: identities.lastSignInAt,
      })
      .from(identities)
      .leftJoin(organizations, eq(organizations.id, identities.orgId))
      .leftJoin(orgAuthSettings, eq(orgAuthSettings.orgId, identities.orgId))
      .where(eq(identities.userId, viewer.id))
      .orderBy(asc(identities.createdAt)),
    // The organizations the person belongs to that have a provider of their own.
    db
      .select({ orgId: organizations.id, orgName: organizations.name, displayName: orgAuthSettings.oidcDisplayName })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .innerJoin(orgAuthSettings, eq(orgAuthSettings.orgId, memberships.orgId))
      .where(and(eq(memberships.userId, viewer.id), sql`${orgAuthSettings.oidcIssuer} is not null`))
      .orderBy(asc(organizations.name))
      .limit(50),
  ]);
  const nameOf = (provider: string, orgName: string | null, displayName: string | null) =>
    orgIdOfProviderKey(provider) ? displayName || `${orgName ?? "Organization"} SSO` : (INSTANCE_PROVIDER_NAMES[provider as InstanceProviderId] ?? provider);
  const linked: IdentityRow[] = rows.map((r) => ({ id: r.id, provider: r.provider, name: nameOf(r.provider, r.orgName, r.displayName), email: r.email, groups: r.groups, createdAt: r.createdAt, lastSignInAt: r.lastSignInAt }));
  const has = new Set(linked.map((l) => l.provider));
  const linkable = [
    ...orgProviders.map((o) => ({ key: orgProviderKey(o.orgId), name: o.displayName || `${o.orgName} SSO` })),
    ...configuredProviders().map((p) => ({ key: p.id, name: p.name })),
  ].filter((p) => !has.has(p.key));
  return { linked, linkable };
}

/** Unlinks one of the signed-in person's identities, unless it is their last way to sign in. */
export async function unlinkIdentity(actor: Actor, identityId: string) {
  const viewer = requireViewer(actor);
  const id = z.uuid().safeParse(identityId);
  if (!id.success) throw new NotFoundError("No such sign-in method.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Locks the account so two parallel unlinks cannot remove its last two ways in.
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id)).for("update");
    const [identity] = await tx.select().from(identities).where(and(eq(identities.id, id.data), eq(identities.userId, viewer.id)));
    if (!identity) throw new NotFoundError("No such sign-in method.");
    const others = await tx.$count(identities, and(eq(identities.userId, viewer.id), ne(identities.id, identity.id)));
    if (!user.passwordHash && others === 0) throw new ConflictError("This is your only way to sign in. Set a password or link another sign-in method first.");
    await tx.delete(identities).where(eq(identities.id, identity.id));
    await recordAudit(tx, actor, { orgId: identity.orgId, action: "user.identity_unlinked", targetType: "user", targetId: viewer.id, targetLabel: viewer.email, before: { provider: identity.provider } });
  });
}
