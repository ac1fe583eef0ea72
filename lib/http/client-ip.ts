import ipaddr from "ipaddr.js";

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For (ATRIUM_TRUSTED_PROXIES,
 * default 0: the app faces the clients itself and no forwarded header is believed).
 */
export function trustedProxyHops(): number {
  const hops = Number(process.env.ATRIUM_TRUSTED_PROXIES ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

const parse = (value: string | undefined) => {
  const text = value?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  if (!ipaddr.isValid(text)) return null;
  const ip = ipaddr.parse(text);
  // ::ffff:203.0.113.7 is the IPv4 client a dual-stack socket reports.
  return (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip).toString();
};

/**
 * The client's address. X-Forwarded-For arrives with the connecting peer's address appended last
 * (by the server hook in peer-address.ts, or by the proxy next to the app), so the client is the
 * entry `hops` places from the right: each trusted proxy appended one, and anything further left
 * was written by the client and is never believed. Null when that entry is missing or not an address.
 */
export function clientIp(headers: Headers, hops = trustedProxyHops()): string | null {
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  const index = chain.length - 1 - hops;
  return index >= 0 ? parse(chain[index]) : null;
}
