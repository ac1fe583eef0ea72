import { lookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { insecureIssuersAllowed } from "@/lib/config";

/**
 * Every request the server makes to an identity provider (discovery, token, userinfo, keys, GitHub's
 * API) goes through guardedFetch. An owner types the issuer, and the issuer's discovery document
 * names the other endpoints, so each URL is checked when it is used, and the address the name
 * resolves to is checked inside the connection itself: the socket connects to exactly the address
 * that passed, so a DNS answer that changes between a check and the fetch cannot slip through.
 */

const REQUEST_TIMEOUT_MS = 10_000;

// Never reachable: private networks, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast…
const PRIVATE = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3]] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) PRIVATE.addSubnet(net, prefix, "ipv6");
// Reachable only while insecure issuers are allowed (a local identity provider in development and tests).
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

export class UnsafeUrlError extends Error {
  readonly code = "ATRIUM_UNSAFE_URL";
}

/** Why the server must not connect to `address`, or null when it may. IPv4-mapped IPv6 counts as its IPv4 address. */
export function addressProblem(address: string): string | null {
  const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (PRIVATE.check(ip, family)) return `${address} is a private or link-local address`;
  if (LOOPBACK.check(ip, family) && !insecureIssuersAllowed()) return `${address} is a loopback address`;
  return null;
}

/** Refuses plain HTTP (unless insecure issuers are allowed), credentials in the URL, and literal addresses the server must not reach. */
export function assertSafeUrl(url: URL) {
  if (url.protocol !== "https:" && !(url.protocol === "http:" && insecureIssuersAllowed())) throw new UnsafeUrlError(`${url.origin} does not use HTTPS`);
  if (url.username || url.password) throw new UnsafeUrlError(`${url.origin} carries credentials`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const problem = isIP(host) ? addressProblem(host) : null;
  if (problem) throw new UnsafeUrlError(`${url.origin}: ${problem}`);
}

/** A DNS lookup for the socket that refuses the whole answer when any address in it is not allowed. */
function guardedLookup(hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const problem = addresses.map((a) => addressProblem(a.address)).find(Boolean);
    if (problem) return callback(new UnsafeUrlError(`${hostname} resolves to ${problem}`), []);
    const all = (options as { all?: boolean }).all;
    return all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family);
  });
}

const store = globalThis as unknown as { atriumOutboundAgent?: Agent };
const agent = () => (store.atriumOutboundAgent ??= new Agent({ connect: { lookup: guardedLookup, timeout: REQUEST_TIMEOUT_MS }, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS }));

function unsafeCause(error: unknown): UnsafeUrlError | null {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) if (e instanceof UnsafeUrlError) return e;
  return null;
}

/**
 * fetch for identity providers: checked URL, pinned address, no redirects followed, a timeout.
 * Shaped like the global fetch, so oauth4webapi, Auth.js and jose take it as their custom fetch.
 */
export async function guardedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const request = input instanceof Request ? input : null;
  const url = new URL(request ? request.url : input.toString());
  assertSafeUrl(url);
  const signal = init.signal ?? request?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    const res = await undiciFetch(url, {
      method: init.method ?? request?.method,
      headers: (init.headers ?? request?.headers) as never,
      body: (init.body ?? null) as never,
      redirect: "manual",
      signal,
      dispatcher: agent(),
    });
    return res as unknown as Response;
  } catch (error) {
    throw unsafeCause(error) ?? error;
  }
}
