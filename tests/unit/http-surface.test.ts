import { describe, expect, it } from "vitest";
import { clientIp, fromTrustedProxy, parseProxyTrust } from "@/lib/http/client-ip";
import { safeNext } from "@/lib/http/safe-next";
import { securityHeaders } from "@/lib/http/security-headers";

describe("safeNext: only same-origin paths of APP_URL", () => {
  it.each([
    ["/acme/members", "/acme/members"],
    ["/acme?tab=1#top", "/acme?tab=1#top"],
    ["/a/../b", "/b"],
  ])("keeps %s", (raw, expected) => expect(safeNext(raw)).toBe(expected));

  it.each([
    "/\t/evil.test",
    "/\n/evil.test",
    "/\r\n/evil.test",
    "/ /evil.test".replace(" ", "\u0000"),
    "/\\evil.test",
    "/\\\\evil.test",
    "//evil.test",
    "///evil.test",
    "/\u007f/evil.test",
    "https://evil.test/",
    "evil.test",
    "",
    "/".padEnd(2001, "a"),
  ])("refuses %j", (raw) => expect(safeNext(raw)).toBe("/"));

  it("refuses what is not a string", () => {
    for (const value of [null, undefined, 42, ["/a"], { toString: () => "/a" }]) expect(safeNext(value)).toBe("/");
  });
});

describe("clientIp: X-Forwarded-For is believed only for trusted hops", () => {
  const xff = (value: string | null) => new Headers(value === null ? {} : { "x-forwarded-for": value });
  const trust = (value: string) => parseProxyTrust(value)!;

  it.each([
    // header as it reaches the app (the peer appended last)   ATRIUM_TRUSTED_PROXIES  client
    ["203.0.113.9", "0", "203.0.113.9"],
    ["1.1.1.1, 203.0.113.9", "0", "203.0.113.9"],
    ["1.1.1.1, 198.51.100.4, 10.0.0.2", "1", "198.51.100.4"],
    ["198.51.100.4, 10.0.0.3, 10.0.0.2", "2", "198.51.100.4"],
    [", 203.0.113.9", "1", null],
    [",,, 203.0.113.9", "0", "203.0.113.9"],
    ["10.0.0.2", "1", null],
    ["not-an-ip, 10.0.0.2", "1", null],
    ["1.5, 10.0.0.2", "1", null],
    ["::ffff:203.0.113.9", "0", "203.0.113.9"],
    ["[2001:db8::1]", "0", "2001:db8::1"],
    ["2001:db8::1", "0", "2001:db8::1"],
    // By address: only what a listed proxy appended counts.
    ["1.1.1.1, 198.51.100.4, 10.0.0.2", "10.0.0.2", "198.51.100.4"],
    ["1.1.1.1, 198.51.100.4", "10.0.0.2", "198.51.100.4"],
    ["1.1.1.1, 198.51.100.4, 10.0.0.3, 10.0.0.2", "10.0.0.0/8", "198.51.100.4"],
    ["1.1.1.1, 198.51.100.4, ::ffff:10.0.0.2", "10.0.0.2", "198.51.100.4"],
    ["1.1.1.1, 2001:db8::7, fd00::2", "127.0.0.1, fd00::/8", "2001:db8::7"],
    ["10.0.0.3, 10.0.0.2", "10.0.0.0/8", "10.0.0.3"],
    ["not-an-ip, 10.0.0.2", "10.0.0.2", null],
    [", 10.0.0.2", "10.0.0.2", null],
  ] as const)("%j trusting %j → %s", (header, trusted, expected) => expect(clientIp(xff(header), trust(trusted))).toBe(expected));

  it("is null without the header, and ignores X-Real-IP", () => {
    expect(clientIp(new Headers({ "x-real-ip": "1.1.1.1" }), { hops: 0 })).toBeNull();
  });

  it.each(["-1", "11", "1.5", "10.0.0.300", "10.0.0.0/33", "1.5/8", "10.0.0.0/", "10.0.0.0/8/8", "127.0.0.1, nonsense", "localhost"])("refuses ATRIUM_TRUSTED_PROXIES=%j", (value) => {
    expect(parseProxyTrust(value)).toBeNull();
  });

  it("reads ATRIUM_TRUSTED_PROXIES, default 0; a value that does not parse trusts nobody", () => {
    const headers = xff("1.1.1.1, 10.0.0.2");
    const before = process.env.ATRIUM_TRUSTED_PROXIES;
    try {
      delete process.env.ATRIUM_TRUSTED_PROXIES;
      expect(clientIp(headers)).toBe("10.0.0.2");
      process.env.ATRIUM_TRUSTED_PROXIES = "1";
      expect(clientIp(headers)).toBe("1.1.1.1");
      process.env.ATRIUM_TRUSTED_PROXIES = "10.0.0.2";
      expect(clientIp(headers)).toBe("1.1.1.1");
      process.env.ATRIUM_TRUSTED_PROXIES = "10.0.0.9";
      expect(clientIp(headers)).toBe("10.0.0.2");
      process.env.ATRIUM_TRUSTED_PROXIES = "-1";
      expect(clientIp(headers)).toBe("10.0.0.2");
    } finally {
      if (before === undefined) delete process.env.ATRIUM_TRUSTED_PROXIES;
      else process.env.ATRIUM_TRUSTED_PROXIES = before;
    }
  });

  it.each([
    ["0", "10.0.0.2", false],
    ["1", "10.0.0.2", true],
    ["10.0.0.2", "10.0.0.2", true],
    ["10.0.0.2", "::ffff:10.0.0.2", true],
    ["10.0.0.2", "10.0.0.9", false],
  ] as const)("trusting %j, a request whose peer is %s came through a trusted proxy: %s", (trusted, peer, expected) => {
    expect(fromTrustedProxy(xff(`198.51.100.4, ${peer}`), trust(trusted))).toBe(expected);
  });
});

describe("securityHeaders", () => {
  const of = (pathname: string, https = false) => securityHeaders({ pathname, nonce: "bm9uY2U=", https, dev: false });

  it("carries a nonce-based script policy, frame-ancestors 'none', nosniff and a permissions policy", () => {
    const h = of("/acme");
    expect(h["content-security-policy"]).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS only over https", () => {
    expect(of("/", true)["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(of("/")["strict-transport-security"]).toBeUndefined();
  });

  it.each(["/invite/abc", "/reset-password/abc", "/verify-email/abc", "/sso/link/abc", "/signin", "/signup"])("sends no Referer from %s", (path) =>
    expect(of(path)["referrer-policy"]).toBe("no-referrer"),
  );
});
