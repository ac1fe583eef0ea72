import * as o from "oauth4webapi";
import { z } from "zod";
import { insecureIssuersAllowed } from "@/lib/config";
import { parseAddress } from "@/lib/invitations/schemas";
import type { Actor } from "@/lib/auth/context";
import { sealJson, unsealJson } from "@/lib/auth/sealed";
import { NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { safeNext } from "@/lib/http/safe-next";
import type { GithubProfile } from "./auth-js";
import { providerMetadata, verifiedIdTokenClaims } from "./discovery";
import { SsoFailedError } from "./errors";
import { guardedFetch } from "./outbound";
import { githubProfile, profileFromClaims, type SsoProfile } from "./profile";
import { orgSsoBySlug, resolveProvider, type ResolvedProvider } from "./registry";
import { completeSsoSignIn, type SsoOutcome } from "./sign-in";

/**
 * The cookie that carries one sign-in attempt from the start to the provider's redirect back, next
 * to Auth.js's own state, PKCE and nonce cookies (the protocol is Auth.js's; this is Atrium's part).
 */
export const SSO_STATE_COOKIE = "atrium_sso";
export const SSO_STATE_SECONDS = 600;

/** One attempt, sealed in the cookie: provider key, the organization it is for, where to go afterwards, and who was signed in when it started (a link, then). */
export type Attempt = { p: string; o: string | null; next: string | null; u: string | null };

export const ssoStartInput = z.object({
  provider: z.string("Choose a way to sign in.").min(1).max(120),
  /** The organization the person is signing in to (required to use an instance provider for it). */
  org: z.string().max(100).optional(),
  next: z.string().max(2000).optional(),
  loginHint: z.string().max(300).optional(),
});

/**
 * Everything Atrium decides before a sign-in goes to the provider: that the provider is set up, that
 * the organization accepts it, and the sealed attempt to keep in SSO_STATE_COOKIE. Auth.js then
 * builds the authorization request (PKCE, state and nonce, all single-use).
 */
export async function prepareSsoStart(actor: Actor, input: z.input<typeof ssoStartInput>) {
  const data = parseInput(ssoStartInput, input);
  const provider = await resolveProvider(data.provider);
  if (!provider) throw new NotFoundError("That single sign-on is not set up.");
  let orgId = provider.org?.id ?? null;
  if (!provider.org && data.org) {
    const sso = await orgSsoBySlug(data.org);
    if (!sso?.methods.some((m) => m.key === provider.key)) throw new ValidationError(`That organization does not accept ${provider.name} sign-in.`);
    orgId = sso.org.id;
  }
  const next = data.next ? safeNext(data.next) : null;
  const attempt: Attempt = { p: provider.key, o: orgId, next: next === "/" ? null : next, u: actor.viewer?.id ?? null };
  const loginHint = data.loginHint ? parseAddress(data.loginHint) : null;
  return { providerKey: provider.key, cookie: sealJson("sso state", attempt, SSO_STATE_SECONDS), authorizationParams: loginHint ? { login_hint: loginHint } : undefined };
}

/** What Auth.js hands over after the code exchange: the tokens and the profile it read. */
export type ProviderResult = { idToken?: string; accessToken?: string; profile: unknown };

/**
 * The profile Atrium believes: for OpenID Connect, the claims of an ID token whose signature checks
 * against the provider's keys (completed by userinfo when the address is not in it); for GitHub,
 * the verified primary address of /user/emails.
 */
async function profileOf(provider: ResolvedProvider, result: ProviderResult): Promise<SsoProfile> {
  if (provider.kind === "github") {
    const { emails, ...user } = result.profile as GithubProfile;
    return githubProfile(user, emails);
  }
  if (!result.idToken) throw new Error("no ID token");
  const md = await providerMetadata(provider.issuer!);
  let claims: Record<string, unknown> = { ...(await verifiedIdTokenClaims(md, provider.clientId, result.idToken)) };
  // Some providers keep the address out of the ID token: ask userinfo for it.
  if (claims[provider.emailClaim] === undefined && md.userinfo_endpoint && result.accessToken) {
    const client = { client_id: provider.clientId };
    const res = await o.userInfoRequest(md, client, result.accessToken, { [o.customFetch]: guardedFetch, [o.allowInsecureRequests]: insecureIssuersAllowed() });
    claims = { ...(await o.processUserInfoResponse(md, client, String(claims.sub), res)), ...claims };
  }
  return profileFromClaims(claims, { trust: provider.trust, emailClaim: provider.emailClaim, groupsClaim: provider.groupsClaim });
}

/**
 * The provider's redirect back, after Auth.js checked state, PKCE and nonce and exchanged the code
 * (called from callbacks.signIn): checks the attempt from the cookie, then signs the person in (or
 * asks them to link an existing account).
 */
export async function finishSso(actor: Actor, providerKey: string, cookie: string | null, result: ProviderResult): Promise<SsoOutcome> {
  const attempt = unsealJson<Attempt>("sso state", cookie);
  if (!attempt || attempt.p !== providerKey) throw new SsoFailedError("expired");
  const provider = await resolveProvider(providerKey);
  if (!provider) throw new SsoFailedError("unavailable");
  let profile: SsoProfile;
  try {
    profile = await profileOf(provider, result);
  } catch (error) {
    // The details are for operators; the person gets the reason only.
    console.error(`SSO ${provider.key}: sign-in failed`, error);
    throw new SsoFailedError("provider");
  }
  return completeSsoSignIn(actor, attempt, provider, profile);
}
