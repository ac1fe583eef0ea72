import { appUrl } from "@/lib/config";

/**
 * The identity providers people can sign in through. Instance providers are configured by the
 * server's environment (the variable names of Auth.js, so existing app registrations carry over);
 * each organization may add its own OpenID Connect provider, keyed "org-<organization id>".
 */
export const INSTANCE_PROVIDER_IDS = ["github", "gitlab", "google", "microsoft-entra-id"] as const;
export type InstanceProviderId = (typeof INSTANCE_PROVIDER_IDS)[number];

/**
 * How a provider's word on an address is read. "email_verified": the standard claim. "entra":
 * Entra ID's `email` claim is not verified (any tenant admin can set it), only its optional
 * `xms_edov` claim says the domain owner verified it. "github": the verified flag of /user/emails.
 */
export type EmailTrust = "email_verified" | "entra" | "github";

export type InstanceProvider = {
  id: InstanceProviderId;
  name: string;
  clientId: string;
  clientSecret: string;
  /** OpenID Connect issuer, or null for GitHub (plain OAuth 2 and its REST API). */
  issuer: string | null;
  emailTrust: EmailTrust;
};

const ENV_PREFIX: Record<InstanceProviderId, string> = {
  github: "AUTH_GITHUB",
  gitlab: "AUTH_GITLAB",
  google: "AUTH_GOOGLE",
  "microsoft-entra-id": "AUTH_MICROSOFT_ENTRA_ID",
};

export const INSTANCE_PROVIDER_NAMES: Record<InstanceProviderId, string> = {
  github: "GitHub",
  gitlab: "GitLab",
  google: "Google",
  "microsoft-entra-id": "Microsoft Entra ID",
};

function issuerOf(id: InstanceProviderId): string | null | undefined {
  const env = process.env[`${ENV_PREFIX[id]}_ISSUER`];
  switch (id) {
    case "github":
      return null;
    case "gitlab":
      return env || "https://gitlab.com";
    case "google":
      return "https://accounts.google.com";
    case "microsoft-entra-id":
      // Per tenant (https://login.microsoftonline.com/<tenant id>/v2.0): there is no safe default.
      return env || undefined;
  }
}

/** An instance provider when its client id and secret (and, for Entra ID, issuer) are set; else null. */
export function instanceProvider(id: string): InstanceProvider | null {
  if (!(INSTANCE_PROVIDER_IDS as readonly string[]).includes(id)) return null;
  const providerId = id as InstanceProviderId;
  const prefix = ENV_PREFIX[providerId];
  const clientId = process.env[`${prefix}_ID`];
  const clientSecret = process.env[`${prefix}_SECRET`];
  const issuer = issuerOf(providerId);
  if (!clientId || !clientSecret || issuer === undefined) return null;
  const emailTrust: EmailTrust = providerId === "github" ? "github" : providerId === "microsoft-entra-id" ? "entra" : "email_verified";
  return { id: providerId, name: INSTANCE_PROVIDER_NAMES[providerId], clientId, clientSecret, issuer, emailTrust };
}

/** The instance providers this server offers, in a stable order. */
export const configuredProviders = (): InstanceProvider[] =>
  INSTANCE_PROVIDER_IDS.map(instanceProvider).filter((p): p is InstanceProvider => p !== null);

/** Where every provider sends the browser back: one path per provider, as RFC 9700 advises against mix-up. */
export const CALLBACK_PATH = "/api/auth/callback";
export const redirectUriOf = (providerKey: string) => `${appUrl()}${CALLBACK_PATH}/${providerKey}`;

const ORG_PREFIX = "org-";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const orgProviderKey = (orgId: string) => `${ORG_PREFIX}${orgId}`;
/** The organization id inside an "org-<id>" key, or null for instance providers and anything else. */
export const orgIdOfProviderKey = (key: string) =>
  key.startsWith(ORG_PREFIX) && UUID.test(key.slice(ORG_PREFIX.length)) ? key.slice(ORG_PREFIX.length) : null;

/** The sign-in methods that satisfy an organization's SSO: the instance providers it accepts and its own provider. */
export const ssoMethodsOf = (orgId: string, settings: { providers: readonly string[]; oidcIssuer: string | null } | null) =>
  settings ? [...settings.providers, ...(settings.oidcIssuer ? [orgProviderKey(orgId)] : [])] : [];
