import { parseAddress } from "@/lib/invitations/schemas";
import type { EmailTrust } from "./providers";

/** What Atrium keeps of a person as an identity provider describes them. */
export type SsoProfile = {
  subject: string;
  /** Lower-cased, or null when the provider gave none that is a valid address. */
  email: string | null;
  /** Whether the provider vouches that the person controls `email`. */
  emailVerified: boolean;
  name: string;
  groups: string[] | null;
};

type Claims = Record<string, unknown>;

const MAX_GROUPS = 100;
const isTrue = (v: unknown) => v === true || v === "true";
const isFalse = (v: unknown) => v === false || v === "false";
// Control characters, and the bidirectional overrides that make text display other than it reads.
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").trim();
/** At most `max` characters, never half of one (an emoji is two UTF-16 units). */
const cap = (s: string, max: number) => Array.from(s).slice(0, max).join("");

const emailFrom = (value: unknown) => (typeof value === "string" ? parseAddress(value) : null);

function nameFrom(claims: Claims, email: string | null): string {
  const given = [claims.given_name, claims.family_name].filter((v): v is string => typeof v === "string").join(" ");
  const candidates = [claims.name, given, claims.preferred_username, email?.split("@")[0]];
  const name = candidates.map((v) => (typeof v === "string" ? clean(v) : "")).find(Boolean);
  return cap(name ?? "SSO user", 100);
}

function groupsFrom(value: unknown): string[] | null {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : null;
  if (!list) return null;
  return list
    .filter((g): g is string => typeof g === "string")
    .map((g) => cap(clean(g), 200))
    .filter(Boolean)
    .slice(0, MAX_GROUPS);
}

/**
 * Whether the claims vouch for the address. An organization's own provider may name another claim
 * for the address (emailClaim, e.g. "upn"): `email_verified` speaks about `email` only, so a custom
 * claim counts as vouched for unless the provider explicitly says it is not.
 */
function verified(claims: Claims, trust: EmailTrust | "org", emailClaim: string): boolean {
  if (trust === "entra") return isTrue(claims.xms_edov);
  if (trust === "org" && emailClaim !== "email") return !isFalse(claims.email_verified);
  return isTrue(claims.email_verified);
}

/** An OpenID Connect provider's claims (ID token, completed by userinfo) as a profile. */
export function profileFromClaims(claims: Claims, options: { trust: EmailTrust | "org"; emailClaim?: string; groupsClaim?: string | null }): SsoProfile {
  // A verified ID token always has one; without it there is nobody to key the identity on.
  if ((typeof claims.sub !== "string" && typeof claims.sub !== "number") || claims.sub === "") throw new Error("the provider's claims have no subject");
  const emailClaim = options.emailClaim ?? "email";
  const email = emailFrom(claims[emailClaim]);
  return {
    subject: String(claims.sub),
    email,
    emailVerified: email !== null && verified(claims, options.trust, emailClaim),
    name: nameFrom(claims, email),
    groups: options.groupsClaim ? groupsFrom(claims[options.groupsClaim]) : null,
  };
}

export type GithubUser = { id: number; login: string; name?: string | null };
export type GithubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub's profile: its primary address, verified only when GitHub says so (GET /user/emails). */
export function githubProfile(user: GithubUser, emails: GithubEmail[]): SsoProfile {
  const primary = emails.find((e) => e.primary) ?? null;
  const email = primary ? emailFrom(primary.email) : null;
  return {
    subject: String(user.id),
    email,
    emailVerified: email !== null && primary!.verified === true,
    name: nameFrom({ name: user.name, preferred_username: user.login }, email),
    groups: null,
  };
}
