import { afterEach, describe, expect, it } from "vitest";
import { requestIdFor } from "@/lib/log/request-id";

const previous = process.env.ATRIUM_TRUSTED_PROXIES;
afterEach(() => {
  if (previous === undefined) delete process.env.ATRIUM_TRUSTED_PROXIES;
  else process.env.ATRIUM_TRUSTED_PROXIES = previous;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// As a request reaches the app: its peer (here a proxy at 10.0.0.2) appended to X-Forwarded-For.
const withId = (id: string, peer = "10.0.0.2") => new Headers({ "x-request-id": id, "x-forwarded-for": peer });

describe("requestIdFor", () => {
  it("ignores a client's x-request-id when no proxy is trusted, and makes a new id each time", () => {
    delete process.env.ATRIUM_TRUSTED_PROXIES;
    const a = requestIdFor(withId("0123456789abcdef0123456789abcdef"));
    expect(a).toMatch(UUID);
    expect(requestIdFor(new Headers())).not.toBe(a);
  });

  it("keeps the id a trusted proxy set (nginx's $request_id)", () => {
    process.env.ATRIUM_TRUSTED_PROXIES = "1";
    expect(requestIdFor(withId("0123456789abcdef0123456789abcdef"))).toBe("0123456789abcdef0123456789abcdef");
  });

  it("keeps it only from a listed proxy's address when ATRIUM_TRUSTED_PROXIES lists them", () => {
    process.env.ATRIUM_TRUSTED_PROXIES = "10.0.0.0/24";
    expect(requestIdFor(withId("0123456789abcdef0123456789abcdef"))).toBe("0123456789abcdef0123456789abcdef");
    expect(requestIdFor(withId("0123456789abcdef0123456789abcdef", "192.0.2.8"))).toMatch(UUID);
  });

  it.each(["", "short", "has spaces in it", "<script>alert(1)</script>", "x".repeat(65), "id\r\nSet-Cookie: a=b"])("replaces a malformed id %j even behind a proxy", (id) => {
    process.env.ATRIUM_TRUSTED_PROXIES = "1";
    let headers: Headers;
    try {
      headers = withId(id);
    } catch {
      return; // Headers refuses it outright: nothing reaches the app either.
    }
    expect(requestIdFor(headers)).toMatch(UUID);
  });
});
