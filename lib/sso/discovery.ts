import * as o from "oauth4webapi";
import { createRemoteJWKSet, customFetch as joseCustomFetch, jwtVerify, type JWTPayload } from "jose";
import { insecureIssuersAllowed } from "@/lib/config";
import { ValidationError } from "@/lib/errors";
import { assertSafeUrl, guardedFetch, UnsafeUrlError } from "./outbound";

const FIELD = "oidc.issuer";
const DISCOVERY_TIMEOUT_MS = 5_000;
const CACHE_MS = 10 * 60_000;

const issuerError = (message: string) => new ValidationError(message, { [FIELD]: message });

function issuerUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.username || url.password || url.search || url.hash) throw issuerError("Enter the issuer URL without credentials, query or fragment.");
  return url;
}

/** Why discovery failed, in words an owner can act on. */
function discoveryProblem(error: unknown, issuer: string): string {
  const code = (error as { code?: string })?.code ?? "";
  const document = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  if (error instanceof UnsafeUrlError) return /HTTPS/.test(error.message) ? "The issuer must use HTTPS." : "The issuer must be on a public address.";
  if (code === o.JSON_ATTRIBUTE_COMPARISON) {
    const named = (error as { cause?: { body?: { issuer?: unknown } } }).cause?.body?.issuer;
    return `The discovery document names a different issuer${typeof named === "string" && named.length < 300 ? ` (${named})` : ""}. Enter exactly that URL.`;
  }
  if (code.startsWith("OAUTH_") || error instanceof SyntaxError) return `${document} is not an OpenID Connect discovery document.`;
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `The issuer did not answer within ${DISCOVERY_TIMEOUT_MS / 1000} seconds.`;
  return `The issuer could not be reached at ${document}.`;
}

/** The issuer's discovery document, fetched through the guarded fetch (oauth4webapi checks it names itself the issuer). */
async function fetchMetadata(issuer: URL): Promise<o.AuthorizationServer> {
  const response = await o.discoveryRequest(issuer, {
    [o.customFetch]: guardedFetch,
    [o.allowInsecureRequests]: insecureIssuersAllowed(),
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
  });
  return o.processDiscoveryResponse(issuer, response);
}

/**
 * Fetches and checks the issuer's discovery document before anything is saved: it must answer, be
 * OpenID Connect (code flow, signed ID tokens) and name itself the issuer. Returns the issuer as the
 * document spells it, which is what ID tokens will carry.
 */
export async function checkIssuer(raw: string): Promise<string> {
  const url = issuerUrl(raw);
  let metadata: o.AuthorizationServer;
  try {
    assertSafeUrl(url);
    metadata = await fetchMetadata(url);
  } catch (error) {
    throw issuerError(discoveryProblem(error, raw));
  }
  const missing = (["authorization_endpoint", "token_endpoint", "jwks_uri"] as const).filter((key) => typeof metadata[key] !== "string");
  if (missing.length) throw issuerError(`The discovery document has no ${missing.join(", ")}: this is not a usable OpenID Connect issuer.`);
  if (metadata.response_types_supported && !metadata.response_types_supported.includes("code")) {
    throw issuerError("This issuer does not offer the authorization code flow.");
  }
  for (const key of ["token_endpoint", "jwks_uri", "userinfo_endpoint"] as const) {
    const endpoint = metadata[key];
    if (typeof endpoint !== "string") continue;
    try {
      assertSafeUrl(new URL(endpoint));
    } catch {
      throw issuerError(`The ${key.replace(/_/g, " ")} must use HTTPS on a public address.`);
    }
  }
  return metadata.issuer;
}

// On globalThis: server actions and route handlers are separate module instances (NEXT-AUTH.md T12).
const store = globalThis as unknown as {
  atriumDiscovery?: Map<string, { metadata: Promise<o.AuthorizationServer>; expires: number }>;
  atriumJwks?: Map<string, ReturnType<typeof createRemoteJWKSet>>;
};

/**
 * An issuer's metadata for sign-ins, discovered at most once per 10 minutes per process. Every
 * endpoint in it is checked again by guardedFetch each time it is called.
 */
export function providerMetadata(issuer: string): Promise<o.AuthorizationServer> {
  const cache = (store.atriumDiscovery ??= new Map());
  const hit = cache.get(issuer);
  if (hit && hit.expires > Date.now()) return hit.metadata;
  const metadata = fetchMetadata(new URL(issuer));
  cache.set(issuer, { metadata, expires: Date.now() + CACHE_MS });
  // A failed discovery is not remembered: the next sign-in tries again.
  metadata.catch(() => cache.delete(issuer));
  return metadata;
}

/** client_secret_basic unless the provider says it only takes the secret in the body. */
export function tokenEndpointAuthMethod(metadata: o.AuthorizationServer): "client_secret_basic" | "client_secret_post" {
  const methods = metadata.token_endpoint_auth_methods_supported;
  return methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post") ? "client_secret_post" : "client_secret_basic";
}

/**
 * Checks an ID token's signature against the provider's published keys (Auth.js checks its claims
 * only) and returns its claims. The keys are fetched through guardedFetch and cached by jose.
 */
export async function verifiedIdTokenClaims(metadata: o.AuthorizationServer, clientId: string, idToken: string): Promise<JWTPayload> {
  if (!metadata.jwks_uri) throw new Error(`${metadata.issuer} publishes no jwks_uri`);
  const jwks = (store.atriumJwks ??= new Map());
  let keys = jwks.get(metadata.jwks_uri);
  if (!keys) jwks.set(metadata.jwks_uri, (keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { [joseCustomFetch]: guardedFetch, timeoutDuration: 5_000 })));
  const { payload } = await jwtVerify(idToken, keys, { issuer: metadata.issuer, audience: clientId });
  return payload;
}

/** GitHub is OAuth 2 without OpenID Connect. It names its issuer in RFC 9207's `iss` callback parameter. */
export const GITHUB_ISSUER = "https://github.com/login/oauth";
export const GITHUB_API = "https://api.github.com";
