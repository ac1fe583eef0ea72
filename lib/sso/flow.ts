import * as oidc from "openid-client";
import { z } from "zod";
import { parseAddress } from "@/lib/invitations/schemas";
import type { Actor } from "@/lib/auth/context";
import { sealJson, unsealJson } from "@/lib/auth/sealed";
import { NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { safeNext } from "@/lib/http/safe-next";
import { SsoFailedError } from "./errors";
import { githubProfile, profileFromClaims, type GithubEmail, type GithubUser, type SsoProfile } from "./profile";
import { redirectUriOf } from "./providers";
import { orgSsoBySlug, resolveProvider, type ResolvedProvider } from "./registry";
import { completeSsoSignIn, type SsoOutcome } from "./sign-in";

/** The cookie that carries one sign-in attempt from the start to the provider's redirect back. */
export const SSO_STATE_COOKIE = "atrium_sso";
export const SSO_STATE_SECONDS = 600;

/**
 * One attempt, sealed in the cookie: provider key, the organization it is for, state, nonce and
 * PKCE verifier, where to go afterwards, and who was signed in when it started (a link, then).
 */
export type Attempt = { p: string; o: string | null; s: string; n: string | null; v: string; next: string | null; u: string | null };

export const ssoStartInput = z.object({
  provider: z.string("Choose a way to sign in.").min(1).max(120),
  /** The organization the person is signing in to (required to use an instance provider for it). */
  org: z.string().max(100).optional(),
  next: z.string().max(2000).optional(),
  loginHint: z.string().max(300).optional(),
});

function scopesFor(provider: ResolvedProvider, supported: string[] | undefined) {
  if (provider.kind === "github") return "read:user user:email";
  const groups = provider.groupsClaim && supported?.includes("groups") ? " groups" : "";
  return `openid email profile${groups}`;
}

/**
 * Starts a sign-in at a provider: returns the authorization URL to send the browser to and the
 * sealed attempt to keep in SSO_STATE_COOKIE (PKCE, state and nonce, all single-use).
 */
export async function startSso(actor: Actor, input: z.input<typeof ssoStartInput>): Promise<{ url: string; cookie: string }> {
  const data = parseInput(ssoStartInput, input);
  const provider = await resolveProvider(data.provider);
  if (!provider) throw new NotFoundError("That single sign-on is not set up.");
  let orgId = provider.org?.id ?? null;
  if (!provider.org && data.org) {
    const sso = await orgSsoBySlug(data.org);
    if (!sso?.methods.some((m) => m.key === provider.key)) throw new ValidationError(`That organization does not accept ${provider.name} sign-in.`);
    orgId = sso.org.id;
  }
  const config = await provider.client().catch((error) => {
    console.error(`SSO ${provider.key}: discovery failed`, error);
    throw new SsoFailedError("provider");
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = provider.kind === "oidc" ? oidc.randomNonce() : null;
  const hint = data.loginHint ? parseAddress(data.loginHint) : null;
  const params: Record<string, string> = {
    redirect_uri: redirectUriOf(provider.key),
    response_type: "code",
    scope: scopesFor(provider, config.serverMetadata().scopes_supported),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    ...(nonce ? { nonce } : {}),
    ...(hint ? { login_hint: hint } : {}),
  };
  const next = data.next ? safeNext(data.next) : null;
  const attempt: Attempt = { p: provider.key, o: orgId, s: state, n: nonce, v: verifier, next: next === "/" ? null : next, u: actor.viewer?.id ?? null };
  return { url: oidc.buildAuthorizationUrl(config, params).href, cookie: sealJson("sso state", attempt, SSO_STATE_SECONDS) };
}

async function githubJson<T>(config: oidc.Configuration, token: string, path: string): Promise<T> {
  const res = await oidc.fetchProtectedResource(config, token, new URL(`https://api.github.com${path}`), "GET", undefined, new Headers({ accept: "application/vnd.github+json" }));
  if (!res.ok) throw new Error(`GitHub ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Exchanges the code (checking state, nonce, PKCE, issuer and the ID token's signature) and reads the profile. */
async function fetchProfile(provider: ResolvedProvider, config: oidc.Configuration, callbackUrl: URL, attempt: Attempt): Promise<SsoProfile> {
  // The URL the provider redirected to, on the public origin (never the Host header: STACK.md trap 9).
  const current = new URL(redirectUriOf(provider.key));
  current.search = callbackUrl.search;
  const tokens = await oidc.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: attempt.v,
    expectedState: attempt.s,
    expectedNonce: attempt.n ?? undefined,
    idTokenExpected: provider.kind === "oidc",
  });
  if (provider.kind === "github") {
    const [user, emails] = await Promise.all([githubJson<GithubUser>(config, tokens.access_token, "/user"), githubJson<GithubEmail[]>(config, tokens.access_token, "/user/emails")]);
    return githubProfile(user, emails);
  }
  let claims: Record<string, unknown> = { ...tokens.claims()! };
  // Some providers keep the address out of the ID token: ask userinfo for it.
  if (claims[provider.emailClaim] === undefined && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
    claims = { ...info, ...claims };
  }
  return profileFromClaims(claims, { trust: provider.trust, emailClaim: provider.emailClaim, groupsClaim: provider.groupsClaim });
}

/**
 * The provider's redirect back (GET /api/auth/callback/<key>): checks the attempt from the cookie,
 * completes the code flow and signs the person in (or asks them to link an existing account).
 */
export async function finishSso(actor: Actor, providerKey: string, callbackUrl: URL, cookie: string | null): Promise<SsoOutcome> {
  const attempt = unsealJson<Attempt>("sso state", cookie);
  if (!attempt || attempt.p !== providerKey) throw new SsoFailedError("expired");
  const error = callbackUrl.searchParams.get("error");
  if (error) throw new SsoFailedError(error === "access_denied" ? "cancelled" : "provider");
  const provider = await resolveProvider(providerKey);
  if (!provider) throw new SsoFailedError("unavailable");
  let profile: SsoProfile;
  try {
    profile = await fetchProfile(provider, await provider.client(), callbackUrl, attempt);
  } catch (error) {
    // The details are for operators; the person gets the reason only.
    console.error(`SSO ${provider.key}: sign-in failed`, error);
    throw new SsoFailedError("provider");
  }
  return completeSsoSignIn(actor, attempt, provider, profile);
}
