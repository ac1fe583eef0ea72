import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which reverse proxies in front of the app may speak for the client (ATRIUM_TRUSTED_PROXIES):
 * - a number of hops, default 0 (the app faces the clients itself and no forwarded header is
 *   believed); `1` behind one proxy that nobody can go around;
 * - or the proxies' addresses and ranges (`127.0.0.1`, `10.0.0.0/8, fd00::/8`): a forwarded entry
 *   is believed only when the hop that wrote it is one of them, so a caller that reaches the app
 *   port directly cannot forge its address or its request id.
 */
export type ProxyTrust = { hops: number } | { proxies: [Address, number][] };

const normalize = (ip: Address): Address =>
  // ::ffff:203.0.113.7 is the IPv4 client a dual-stack socket reports.
  ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;

const parse = (value: string | undefined): Address | null => {
  const text = value?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  // Four-part IPv4 only: ipaddr.isValid also takes the classful shorthand ("1.5" would be 1.0.0.5).
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text) ? normalize(ipaddr.parse(text)) : null;
};

/** "10.0.0.2" or "10.0.0.0/8" (also IPv6), as an address and a prefix length; null when it is neither. */
function range(entry: string): [Address, number] | null {
  const [address, bits, ...rest] = entry.split("/");
  const ip = parse(address);
  if (!ip || rest.length) return null;
  const max = ip.kind() === "ipv4" ? 32 : 128;
  if (bits === undefined) return [ip, max];
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max ? [ip, Number(bits)] : null;
}

/** ATRIUM_TRUSTED_PROXIES read, or null when it is neither a hop count (0–10) nor a list of addresses and ranges. */
export function parseProxyTrust(value: string | undefined): ProxyTrust | null {
  const text = value?.trim() ?? "";
  if (text === "") return { hops: 0 };
  if (/^\d+$/.test(text)) return Number(text) <= 10 ? { hops: Number(text) } : null;
  const proxies = text.split(",").map((entry) => range(entry.trim()));
  return proxies.every((p) => p !== null) ? { proxies: proxies as [Address, number][] } : null;
}

let cached: { value: string | undefined; trust: ProxyTrust } | null = null;

/** The configured trust; a value that does not parse trusts no proxy (server start logs it). */
export function proxyTrust(): ProxyTrust {
  const value = process.env.ATRIUM_TRUSTED_PROXIES;
  if (!cached || cached.value !== value) cached = { value, trust: parseProxyTrust(value) ?? { hops: 0 } };
  return cached.trust;
}

const isProxy = (proxies: [Address, number][], entry: string | undefined) => {
  const ip = parse(entry);
  // match() needs both of one kind; the casts only say which, after the check.
  return ip !== null && proxies.some(([net, bits]) => net.kind() === ip.kind() && (ip as ipaddr.IPv4).match(net as ipaddr.IPv4, bits));
};

const chainOf = (headers: Headers) => (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());

/**
 * The client's address. X-Forwarded-For arrives with the connecting peer's address appended last
 * (by the server hook in peer-address.ts), and each trusted proxy appended the address it saw, so
 * the client is the entry `hops` places from the right, or the rightmost entry not written by a
 * listed proxy. Anything further left was written by the client and is never believed. Null when
 * that entry is missing or not an address.
 */
export function clientIp(headers: Headers, trust: ProxyTrust = proxyTrust()): string | null {
  const chain = chainOf(headers);
  let index: number;
  if ("hops" in trust) {
    index = chain.length - 1 - trust.hops;
  } else {
    index = chain.length - 1;
    while (index > 0 && isProxy(trust.proxies, chain[index])) index--;
  }
  return index >= 0 ? (parse(chain[index])?.toString() ?? null) : null;
}

/** Whether the connecting peer is a trusted proxy, whose other headers (X-Request-Id) may be believed. */
export function fromTrustedProxy(headers: Headers, trust: ProxyTrust = proxyTrust()): boolean {
  return "hops" in trust ? trust.hops > 0 : isProxy(trust.proxies, chainOf(headers).at(-1));
}
