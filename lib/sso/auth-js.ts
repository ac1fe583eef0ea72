import { customFetch } from "next-auth";
import type { OAuthConfig } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { GITHUB_API, GITHUB_ISSUER, providerMetadata, tokenEndpointAuthMethod } from "./discovery";
import { guardedFetch } from "./outbound";
import type { GithubEmail, GithubUser } from "./profile";
import type { ResolvedProvider } from "./registry";

type Claims = Record<string, unknown>;
export type GithubProfile = GithubUser & { emails: GithubEmail[] };

async function githubJson<T>(token: string, path: string): Promise<T> {
  const res = await guardedFetch(`${GITHUB_API}${path}`, { headers: { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "user-agent": "atrium" } });
  if (!res.ok) throw new Error(`GitHub ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/**
 * GitHub from Auth.js's preset, with its issuer as GitHub names it in the callback's `iss`, and a
 * profile that always carries /user/emails (the preset falls back to an unverified address; Atrium
 * reads only the verified primary one, in githubProfile).
 */
function githubProvider(p: ResolvedProvider): OAuthConfig<GithubProfile> {
  return {
    ...GitHub({ clientId: p.clientId, clientSecret: p.clientSecret }),
    issuer: GITHUB_ISSUER,
    checks: ["pkce", "state"],
    userinfo: {
      url: `${GITHUB_API}/user`,
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const token = tokens.access_token ?? "";
        const [user, emails] = await Promise.all([githubJson<GithubUser>(token, "/user"), githubJson<GithubEmail[]>(token, "/user/emails")]);
        return { ...user, emails };
      },
    },
    profile: (profile) => ({ id: String(profile.id), name: profile.name ?? profile.login, email: null }),
    [customFetch]: guardedFetch,
  } as OAuthConfig<GithubProfile>;
}

const PRESETS = { google: Google, "microsoft-entra-id": MicrosoftEntraID } as const;

/**
 * An OpenID Connect provider (an instance preset or an organization's own): the endpoints come from
 * Atrium's cached discovery, so Auth.js discovers nothing per request and always sends PKCE, state
 * and nonce (NEXT-AUTH.md T7); every call goes through guardedFetch (T6). GitLab is configured as
 * plain OpenID Connect so that `email_verified` is there; Entra's profile photo is not fetched.
 */
async function oidcProvider(p: ResolvedProvider): Promise<OAuthConfig<Claims>> {
  const md = await providerMetadata(p.issuer!);
  const preset = p.preset && p.preset in PRESETS ? PRESETS[p.preset as keyof typeof PRESETS]({ clientId: p.clientId, clientSecret: p.clientSecret, issuer: md.issuer }) : {};
  const groups = p.groupsClaim && md.scopes_supported?.includes("groups") ? " groups" : "";
  return {
    ...preset,
    id: p.key,
    name: p.name,
    type: "oidc",
    issuer: md.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    authorization: { url: md.authorization_endpoint!, params: { scope: `openid email profile${groups}` } },
    token: { url: md.token_endpoint! },
    ...(md.userinfo_endpoint ? { userinfo: { url: md.userinfo_endpoint } } : {}),
    checks: ["pkce", "state", "nonce"],
    client: { token_endpoint_auth_method: tokenEndpointAuthMethod(md) },
    profile: (claims: Claims) => ({ id: String(claims.sub), name: typeof claims.name === "string" ? claims.name : null, email: null }),
    [customFetch]: guardedFetch,
  } as OAuthConfig<Claims>;
}

/** The Auth.js provider for a resolved provider; only ever the one a request is about (T10). */
export const authJsProvider = (p: ResolvedProvider): Promise<OAuthConfig<Claims>> | OAuthConfig<GithubProfile> =>
  p.kind === "github" ? githubProvider(p) : oidcProvider(p);
