import { createHash } from "node:crypto";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import * as oidc from "openid-client";
import { insecureIssuersAllowed } from "@/lib/config";
import { ValidationError } from "@/lib/errors";

const FIELD = "oidc.issuer";
const DISCOVERY_TIMEOUT_SECONDS = 5;
const REQUEST_TIMEOUT_SECONDS = 10;
const CACHE_MS = 10 * 60_000;

// Addresses an owner-supplied URL must not reach from the server (loopback, private, link-local, …).
const PRIVATE = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16], ["224.0.0.0", 3]] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["::ffff:0:0", 96]] as const) PRIVATE.addSubnet(net, prefix, "ipv6");

const issuerError = (message: string) => new ValidationError(message, { [FIELD]: message });

/** Refuses URLs the server should not call: plain HTTP, or hosts on private networks (unless insecure issuers are allowed). */
async function assertReachableSafely(url: URL, what: string) {
  if (insecureIssuersAllowed()) return;
  if (url.protocol !== "https:") throw issuerError(`The ${what} must use HTTPS.`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (!addresses.length) throw issuerError(`The ${what}'s host ${url.hostname} could not be found.`);
  if (addresses.some((a) => PRIVATE.check(a.address, a.family === 6 ? "ipv6" : "ipv4"))) {
    throw issuerError(`The ${what} must be on a public address, not ${url.hostname}.`);
  }
}

function issuerUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.username || url.password || url.search || url.hash) throw issuerError("Enter the issuer URL without credentials, query or fragment.");
  return url;
}

/** Why discovery failed, in words an owner can act on. */
function discoveryProblem(error: unknown, issuer: string): string {
  const code = (error as { code?: string })?.code ?? "";
  const document = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  if (code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED") {
    const named = (error as { cause?: { body?: { issuer?: unknown } } }).cause?.body?.issuer;
    return `The discovery document names a different issuer${typeof named === "string" && named.length < 300 ? ` (${named})` : ""}. Enter exactly that URL.`;
  }
  if (code.startsWith("OAUTH_") || error instanceof SyntaxError) return `${document} is not an OpenID Connect discovery document.`;
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `The issuer did not answer within ${DISCOVERY_TIMEOUT_SECONDS} seconds.`;
  return `The issuer could not be reached at ${document}.`;
}

const insecureExecute = () => (insecureIssuersAllowed() ? [oidc.allowInsecureRequests] : []);

/**
 * Fetches and checks the issuer's discovery document before anything is saved: it must answer, be
 * OpenID Connect (code flow, signed ID tokens) and name itself the issuer. Returns the issuer as the
 * document spells it, which is what ID tokens will carry.
 */
export async function checkIssuer(raw: string): Promise<string> {
  const url = issuerUrl(raw);
  await assertReachableSafely(url, "issuer");
  let metadata: oidc.ServerMetadata;
  try {
    const config = await oidc.discovery(url, "atrium-issuer-check", undefined, undefined, { timeout: DISCOVERY_TIMEOUT_SECONDS, execute: insecureExecute() });
    metadata = config.serverMetadata();
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
    if (typeof endpoint === "string") await assertReachableSafely(new URL(endpoint), key.replace(/_/g, " "));
  }
  return metadata.issuer;
}

export type ClientSettings = { issuer: string; clientId: string; clientSecret: string };
const cache = new Map<string, { config: Promise<oidc.Configuration>; expires: number }>();

/** client_secret_basic unless the provider says it only takes the secret in the body. */
function clientAuth(metadata: oidc.ServerMetadata, secret: string) {
  const methods = metadata.token_endpoint_auth_methods_supported;
  return methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post") ? oidc.ClientSecretPost(secret) : oidc.ClientSecretBasic(secret);
}

async function discover({ issuer, clientId, clientSecret }: ClientSettings): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  await assertReachableSafely(url, "issuer");
  const probe = await oidc.discovery(url, clientId, undefined, undefined, { timeout: DISCOVERY_TIMEOUT_SECONDS, execute: insecureExecute() });
  const metadata = probe.serverMetadata();
  const config = new oidc.Configuration(metadata, clientId, undefined, clientAuth(metadata, clientSecret));
  for (const extend of insecureExecute()) extend(config);
  config.timeout = REQUEST_TIMEOUT_SECONDS;
  // Check ID token signatures against the provider's keys too, not only TLS to its token endpoint.
  oidc.enableNonRepudiationChecks(config);
  return config;
}

/** The openid-client configuration of an OpenID Connect client, discovered once per 10 minutes per process. */
export function oidcClient(settings: ClientSettings): Promise<oidc.Configuration> {
  const key = [settings.issuer, settings.clientId, createHash("sha256").update(settings.clientSecret).digest("base64url")].join(" ");
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.config;
  const config = discover(settings);
  cache.set(key, { config, expires: Date.now() + CACHE_MS });
  // A failed discovery is not remembered: the next sign-in tries again.
  config.catch(() => cache.delete(key));
  return config;
}

const GITHUB = {
  issuer: "https://github.com",
  authorization_endpoint: "https://github.com/login/oauth/authorize",
  token_endpoint: "https://github.com/login/oauth/access_token",
};

/** GitHub is OAuth 2 without OpenID Connect: fixed endpoints, the profile comes from its REST API. */
export function githubClient(clientId: string, clientSecret: string): oidc.Configuration {
  const config = new oidc.Configuration(GITHUB, clientId, undefined, oidc.ClientSecretPost(clientSecret));
  config.timeout = REQUEST_TIMEOUT_SECONDS;
  return config;
}
