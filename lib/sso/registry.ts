import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { orgAuthSettings, orgDomains, organizations } from "@/db/schema";
import { parseAddress } from "@/lib/invitations/schemas";
import { domainOfEmail } from "@/lib/auth-settings/domains";
import { unseal } from "@/lib/auth/sealed";
import { ValidationError } from "@/lib/errors";
import { configuredProviders, instanceProvider, orgIdOfProviderKey, orgProviderKey, type EmailTrust, type InstanceProviderId } from "./providers";

/** A provider ready for a sign-in: how to reach it and how far to trust what it says. */
export type ResolvedProvider = {
  key: string;
  name: string;
  kind: "oidc" | "github";
  /** For an organization's own provider: that organization and the domains it may assert. */
  org: { id: string; slug: string; domains: string[] } | null;
  trust: EmailTrust | "org";
  emailClaim: string;
  groupsClaim: string | null;
  /** The Auth.js preset it is built from, for instance providers. */
  preset: InstanceProviderId | null;
  /** OpenID Connect issuer; null for GitHub (plain OAuth 2). */
  issuer: string | null;
  clientId: string;
  clientSecret: string;
};

/** An organization with its auth settings and domains, by id, by slug or by a domain it claims. */
async function orgRow(by: { id: string } | { slug: string } | { domain: string }, db?: Db) {
  db ??= await getDb();
  const rows = await db
    .select({ org: { id: organizations.id, slug: organizations.slug, name: organizations.name }, settings: orgAuthSettings, domain: orgDomains.domain })
    .from(organizations)
    .leftJoin(orgAuthSettings, eq(orgAuthSettings.orgId, organizations.id))
    .leftJoin(orgDomains, eq(orgDomains.orgId, organizations.id))
    .where(
      "id" in by
        ? eq(organizations.id, by.id)
        : "slug" in by
          ? eq(organizations.slug, by.slug)
          : inArray(organizations.id, db.select({ id: orgDomains.orgId }).from(orgDomains).where(eq(orgDomains.domain, by.domain))),
    );
  if (!rows.length) return null;
  return { org: rows[0].org, settings: rows[0].settings, domains: rows.map((r) => r.domain).filter((d): d is string => d !== null) };
}

/**
 * The provider behind a key ("google", "org-<id>"), or null when it is not (or no longer) set up.
 * Inside a transaction, pass it: PGlite has one connection, which the transaction holds.
 */
export async function resolveProvider(key: string, db?: Db): Promise<ResolvedProvider | null> {
  const orgId = orgIdOfProviderKey(key);
  if (!orgId) {
    const p = instanceProvider(key);
    if (!p) return null;
    return {
      key,
      name: p.name,
      kind: p.issuer ? "oidc" : "github",
      org: null,
      trust: p.emailTrust,
      emailClaim: "email",
      groupsClaim: null,
      preset: p.id,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
    };
  }
  const found = await orgRow({ id: orgId }, db);
  const s = found?.settings;
  if (!found || !s?.oidcIssuer || !s.oidcClientId || !s.oidcClientSecret) return null;
  const secret = unseal("sso client secret", s.oidcClientSecret);
  if (secret === null) {
    console.error(`SSO of organization ${found.org.slug}: its client secret cannot be decrypted (was AUTH_SECRET changed?). An owner must enter it again.`);
    return null;
  }
  return {
    key,
    name: s.oidcDisplayName || `${found.org.name} SSO`,
    kind: "oidc",
    org: { id: found.org.id, slug: found.org.slug, domains: found.domains },
    trust: "org",
    emailClaim: s.oidcEmailClaim,
    groupsClaim: s.oidcGroupsClaim,
    preset: null,
    issuer: s.oidcIssuer,
    clientId: s.oidcClientId,
    clientSecret: secret,
  };
}

export type SsoMethod = { key: string; name: string };
export type OrgSso = { org: { id: string; slug: string; name: string }; methods: SsoMethod[]; requireSso: boolean };

/** The SSO an organization offers: its own provider first, then the instance providers it accepts. */
function ssoOf(found: NonNullable<Awaited<ReturnType<typeof orgRow>>>): OrgSso | null {
  const s = found.settings;
  if (!s) return null;
  const configured = configuredProviders().filter((p) => s.providers.includes(p.id));
  const methods: SsoMethod[] = [
    ...(s.oidcIssuer ? [{ key: orgProviderKey(found.org.id), name: s.oidcDisplayName || `${found.org.name} SSO` }] : []),
    ...configured.map((p) => ({ key: p.id, name: p.name })),
  ];
  return methods.length ? { org: found.org, methods, requireSso: s.requireSso } : null;
}

/**
 * The SSO of the organization at `slug`; null when it offers none. An organization without SSO and
 * one that does not exist look alike, so this reveals only organizations that have SSO.
 */
export async function orgSsoBySlug(slug: string): Promise<OrgSso | null> {
  const normalized = slug.trim().toLowerCase();
  if (!/^[a-z0-9-]{1,100}$/.test(normalized)) return null;
  const found = await orgRow({ slug: normalized });
  return found ? ssoOf(found) : null;
}

const findInput = z.object({
  query: z.string("Enter your work email or the organization.").trim().min(1, "Enter your work email or the organization.").max(300, "That is too long."),
});

/**
 * "Sign in with SSO": a work email (its domain) or an organization (slug, or its Atrium URL) to the
 * organization's SSO. The address comes back as a login hint for the identity provider.
 */
export async function findOrgSso(input: unknown): Promise<OrgSso & { loginHint: string | null }> {
  const parsed = findInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Enter your work email or the organization.", { query: "Enter your work email or the organization." });
  const { query } = parsed.data;
  const email = query.includes("@") ? parseAddress(query) : null;
  const domain = email ? domainOfEmail(email) : null;
  let found: OrgSso | null = null;
  if (domain) {
    const row = await orgRow({ domain });
    found = row ? ssoOf(row) : null;
  } else if (!query.includes("@")) {
    found = await orgSsoBySlug(query.replace(/^https?:\/\/[^/]+/i, "").replace(/^\/+|\/.*$/g, ""));
  }
  if (!found) {
    const message = "No single sign-on is set up for that email or organization. Sign in with your password instead.";
    throw new ValidationError(message, { query: message });
  }
  return { ...found, loginHint: email };
}
