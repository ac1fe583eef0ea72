import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { identities, orgAuthSettings, orgDomains, organizations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { OrgActor } from "@/lib/auth/context";
import { seal } from "@/lib/auth/sealed";
import { requireRecentAuth } from "@/lib/accounts/sudo";
import { authorize } from "@/lib/authz";
import { inviteOnlyInstance } from "@/lib/config";
import { ConflictError, ValidationError, parseInput } from "@/lib/errors";
import { checkIssuer } from "@/lib/sso/discovery";
import { configuredProviders, INSTANCE_PROVIDER_NAMES, orgProviderKey, redirectUriOf, type InstanceProviderId } from "@/lib/sso/providers";
import { authSettingsInput, type AuthSettingsInput } from "./schemas";

export type AuthSettings = {
  /** Instance providers the organization accepts. */
  providers: InstanceProviderId[];
  domains: string[];
  openJoin: boolean;
  defaultRole: "member" | "viewer";
  requireSso: boolean;
  /** The organization's own provider; the client secret is write-only. */
  oidc: { issuer: string; clientId: string; clientSecretSet: true; displayName: string; emailClaim: string; groupsClaim: string | null } | null;
  /** What this server offers and where the organization's provider sends people back. */
  server: { providers: { id: InstanceProviderId; name: string }[]; openJoinAllowed: boolean; redirectUri: string };
};

type SettingsRow = typeof orgAuthSettings.$inferSelect;

async function loadSettings(db: Db, orgId: string): Promise<{ row: SettingsRow | null; domains: string[] }> {
  const [[row], domains] = await Promise.all([
    db.select().from(orgAuthSettings).where(eq(orgAuthSettings.orgId, orgId)),
    db.select({ domain: orgDomains.domain }).from(orgDomains).where(eq(orgDomains.orgId, orgId)).orderBy(orgDomains.domain),
  ]);
  return { row: row ?? null, domains: domains.map((d) => d.domain) };
}

function view(orgId: string, row: SettingsRow | null, domains: string[]): AuthSettings {
  return {
    providers: (row?.providers ?? []) as InstanceProviderId[],
    domains,
    openJoin: row?.openJoin ?? false,
    defaultRole: row?.defaultRole === "viewer" ? "viewer" : "member",
    requireSso: row?.requireSso ?? false,
    oidc:
      row?.oidcIssuer && row.oidcClientId
        ? { issuer: row.oidcIssuer, clientId: row.oidcClientId, clientSecretSet: true, displayName: row.oidcDisplayName ?? "", emailClaim: row.oidcEmailClaim, groupsClaim: row.oidcGroupsClaim }
        : null,
    server: {
      providers: configuredProviders().map((p) => ({ id: p.id, name: INSTANCE_PROVIDER_NAMES[p.id] })),
      openJoinAllowed: !inviteOnlyInstance(),
      // What to register at the organization's identity provider.
      redirectUri: redirectUriOf(orgProviderKey(orgId)),
    },
  };
}

/** The auth tab: owners and admins read it (admins cannot change it). */
export async function getAuthSettings(actor: OrgActor): Promise<AuthSettings> {
  authorize(actor.principal, "org.auth.view");
  const { row, domains } = await loadSettings(await getDb(), actor.org.id);
  return view(actor.org.id, row, domains);
}

const fieldError = (field: string, message: string) => new ValidationError(message, { [field]: message });

/** Rules between fields, checked before anything is fetched or written. */
function checkCombination(data: ReturnType<typeof authSettingsInput.parse>) {
  const offered = new Set(configuredProviders().map((p) => p.id));
  const missing = data.providers.filter((id) => !offered.has(id));
  if (missing.length) throw fieldError("providers", `${missing.map((id) => INSTANCE_PROVIDER_NAMES[id]).join(", ")} ${missing.length === 1 ? "is" : "are"} not configured on this server.`);
  if (data.openJoin && inviteOnlyInstance()) throw fieldError("openJoin", "This server is invitation-only: open join is off for every organization.");
  if (data.openJoin && !data.domains.length) throw fieldError("domains", "List the email domains whose people may join.");
  if (data.oidc && !data.domains.length) throw fieldError("domains", "List the email domains your identity provider signs people in for: it may only assert addresses there.");
  if (data.requireSso && !data.oidc && !data.providers.length) throw fieldError("requireSso", "Set up an identity provider or accept an SSO provider first.");
}

/**
 * Replaces the organization's auth settings (owners only). A new or changed issuer is checked by
 * discovery before anything is written; the client secret is sealed at rest, required again when the
 * issuer or client ID changes, and never echoed or audited. Identities from a replaced or removed
 * provider are unlinked: a new issuer's subjects are not the old one's. Domains are claimed by one
 * organization each.
 */
export async function updateAuthSettings(actor: OrgActor, input: AuthSettingsInput): Promise<AuthSettings> {
  authorize(actor.principal, "org.auth.edit");
  requireRecentAuth(actor);
  const data = parseInput(authSettingsInput, input);
  checkCombination(data);
  const db = await getDb();
  const current = await loadSettings(db, actor.org.id);

  let oidc: { issuer: string; clientId: string; sealedSecret: string | null } | null = null;
  if (data.oidc) {
    const issuerChanged = data.oidc.issuer !== current.row?.oidcIssuer;
    const issuer = issuerChanged ? await checkIssuer(data.oidc.issuer) : data.oidc.issuer;
    const sameClient = current.row?.oidcIssuer === issuer && current.row.oidcClientId === data.oidc.clientId;
    if (!data.oidc.clientSecret && !sameClient) {
      throw fieldError("oidc.clientSecret", current.row?.oidcIssuer ? "Enter the client secret again: the issuer or client ID changed." : "Enter the client secret.");
    }
    oidc = { issuer, clientId: data.oidc.clientId, sealedSecret: data.oidc.clientSecret ? seal("sso client secret", data.oidc.clientSecret) : null };
  }

  const next = {
    providers: data.providers,
    openJoin: data.openJoin,
    defaultRole: data.defaultRole,
    requireSso: data.requireSso,
    oidcIssuer: oidc?.issuer ?? null,
    oidcClientId: oidc?.clientId ?? null,
    oidcClientSecret: oidc ? (oidc.sealedSecret ?? current.row!.oidcClientSecret) : null,
    oidcDisplayName: data.oidc ? data.oidc.displayName : null,
    oidcEmailClaim: data.oidc?.emailClaim ?? "email",
    oidcGroupsClaim: data.oidc?.groupsClaim ?? null,
  };

  return db.transaction(async (tx) => {
    // One settings change at a time per organization, like membership changes.
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, actor.org.id)).for("update");
    // Read again under the lock: domains and the audit diff start from what is saved now, and the
    // provider must still be the one this save was checked against.
    const locked = await loadSettings(tx, actor.org.id);
    const provider = (r: SettingsRow | null) => [r?.oidcIssuer, r?.oidcClientId, r?.oidcClientSecret].join(" ");
    if (provider(locked.row) !== provider(current.row)) throw new ConflictError("The settings were changed meanwhile. Reload the page and save again.");
    const [row] = await tx
      .insert(orgAuthSettings)
      .values({ orgId: actor.org.id, ...next })
      .onConflictDoUpdate({ target: orgAuthSettings.orgId, set: { ...next, updatedAt: new Date() } })
      .returning();
    await replaceDomains(tx, actor.org.id, locked.domains, data.domains);
    const providerReplaced = locked.row?.oidcIssuer != null && locked.row.oidcIssuer !== next.oidcIssuer;
    const unlinked = providerReplaced
      ? (await tx.delete(identities).where(eq(identities.orgId, actor.org.id)).returning({ id: identities.id })).length
      : 0;
    const diff = changes(locked, { ...next, domains: data.domains }, oidc?.sealedSecret != null);
    if (diff) {
      await recordAudit(tx, actor, {
        orgId: actor.org.id,
        action: "org.auth_settings.updated",
        targetType: "org",
        targetId: actor.org.id,
        targetLabel: actor.org.slug,
        before: diff.before,
        after: unlinked ? { ...diff.after, identitiesUnlinked: unlinked } : diff.after,
      });
    }
    return view(actor.org.id, row, [...data.domains].sort());
  });
}

/** Claims new domains and releases dropped ones; a domain another organization claims refuses the change. */
async function replaceDomains(tx: Db, orgId: string, current: string[], wanted: string[]) {
  await tx.delete(orgDomains).where(and(eq(orgDomains.orgId, orgId), wanted.length ? notInArray(orgDomains.domain, wanted) : undefined));
  const added = wanted.filter((d) => !current.includes(d));
  if (!added.length) return;
  const claimed = await tx.insert(orgDomains).values(added.map((domain) => ({ domain, orgId }))).onConflictDoNothing().returning({ domain: orgDomains.domain });
  const taken = added.filter((d) => !claimed.some((c) => c.domain === d));
  if (taken.length) {
    const message = `${taken.join(", ")} ${taken.length === 1 ? "is" : "are"} already claimed by another organization.`;
    throw new ConflictError(message, { domains: message });
  }
}

type Comparable = Record<string, unknown>;

/** An organization without a settings row: invitation only, password, no provider. */
const DEFAULTS: Comparable = { providers: [], openJoin: false, defaultRole: "member", requireSso: false, oidcEmailClaim: "email" };
const AUDITED = ["providers", "domains", "openJoin", "defaultRole", "requireSso", "oidcIssuer", "oidcClientId", "oidcDisplayName", "oidcEmailClaim", "oidcGroupsClaim"];

/** What changed, for the audit trail; of the secret only that it changed (its key masks even that word). */
function changes(current: { row: SettingsRow | null; domains: string[] }, next: Comparable & { domains: string[] }, secretChanged: boolean) {
  const before: Comparable = { ...(current.row ?? DEFAULTS), domains: current.domains };
  const normal = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : (v ?? null));
  const changed = AUDITED.filter((k) => normal(before[k]) !== normal(next[k]));
  if (!changed.length && !secretChanged) return null;
  const pick = (source: Comparable) => Object.fromEntries(changed.map((k) => [k, source[k] ?? null]));
  return { before: pick(before), after: { ...pick(next), ...(secretChanged ? { oidcClientSecret: "changed" } : {}) } };
}
