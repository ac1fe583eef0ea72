/**
 * Every outbound call to an identity provider is checked when it is made (issue 9 item 14): plain
 * HTTP, loopback, private and link-local addresses are refused, and the address a name resolves to
 * is checked inside the connection (the socket connects to exactly the answer that passed). With
 * the code of before, only the issuer was checked at save, and endpoints named by a later discovery
 * document were fetched wherever they pointed.
 */
import * as o from "oauth4webapi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authJsProvider } from "@/lib/sso/auth-js";
import { GITHUB_ISSUER } from "@/lib/sso/discovery";
import { guardedFetch, UnsafeUrlError } from "@/lib/sso/outbound";
import { resolveProvider } from "@/lib/sso/registry";
import { useFreshDatabase } from "../support/database";
import { startIdp } from "../support/oidc-idp";
import { seedOrg } from "../support/orgs";
import { quickPerson } from "../support/people";
import { ssoSignIn, useIdp, useOrgIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();

const refusal = (url: string) => guardedFetch(url).then(() => null, (e: unknown) => e);

describe("guardedFetch outside development (no ATRIUM_ALLOW_INSECURE_ISSUERS)", () => {
  afterEach(() => {
    process.env.ATRIUM_ALLOW_INSECURE_ISSUERS = "true";
  });

  it("refuses plain HTTP, and loopback, private and link-local addresses, literal or resolved", async () => {
    delete process.env.ATRIUM_ALLOW_INSECURE_ISSUERS;
    expect(await refusal(`${idp.current.issuer}/.well-known/openid-configuration`)).toBeInstanceOf(UnsafeUrlError);
    for (const url of ["https://127.0.0.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/", "https://0.0.0.0/"]) {
      expect(await refusal(url), url).toBeInstanceOf(UnsafeUrlError);
    }
    // A name is checked by what it resolves to, inside the connection.
    const byName = await refusal(`https://localhost:${idp.current.port}/`);
    expect(byName).toBeInstanceOf(UnsafeUrlError);
    expect((byName as Error).message).toMatch(/localhost resolves to .*loopback/);
  });
});

describe("guardedFetch with insecure issuers allowed (a local identity provider)", () => {
  it("reaches the local provider but still never a private or link-local address", async () => {
    expect((await guardedFetch(`${idp.current.issuer}/__test/health`)).status).toBe(200);
    for (const url of ["http://169.254.169.254/latest/meta-data", "http://10.0.0.1/token", "http://[fd00::1]/"]) expect(await refusal(url), url).toBeInstanceOf(UnsafeUrlError);
  });
});

describe("endpoints named by a later discovery document", () => {
  it("are checked when they are used: a token or keys endpoint moved onto the cloud metadata address is never called", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const [endpoint, target] of [["token_endpoint", "http://169.254.169.254/token"], ["jwks_uri", "http://169.254.169.254/jwks"]] as const) {
        // An IdP of its own each time, so its discovery document is not already cached.
        const changing = await startIdp();
        const owner = await quickPerson();
        const org = await seedOrg([[owner, "owner"]]);
        const domain = `guard-${org.id.slice(0, 8)}.test`;
        const { providerKey } = await useOrgIdp(changing, org, owner, { domains: [domain] });
        // Saved while the document was fine; then it changes.
        changing.patchDiscovery({ [endpoint]: target });
        await expect(ssoSignIn(null, { provider: providerKey }, `ann@${domain}`), endpoint).rejects.toMatchObject({ reason: "provider" });
        const refusals = logged.mock.calls.flat().filter((arg) => arg instanceof UnsafeUrlError || (arg as { cause?: { err?: unknown } })?.cause?.err instanceof UnsafeUrlError);
        expect(refusals.length, endpoint).toBeGreaterThan(0);
        logged.mockClear();
        await changing.close();
      }
    } finally {
      logged.mockRestore();
    }
  });
});

describe("GitHub", () => {
  it("accepts the iss parameter GitHub sends on callbacks (RFC 9207), and refuses another issuer", async () => {
    Object.assign(process.env, { AUTH_GITHUB_ID: "gh-client", AUTH_GITHUB_SECRET: "gh-secret" });
    try {
      const provider = (await authJsProvider((await resolveProvider("github"))!)) as { issuer: string; checks: string[] };
      expect(provider.issuer).toBe(GITHUB_ISSUER);
      expect(provider.checks).toEqual(["pkce", "state"]);
      // What Auth.js does with the callback's parameters (as = { issuer: provider.issuer } for explicit endpoints).
      const as = { issuer: provider.issuer };
      const client = { client_id: "gh-client" };
      const callback = (iss: string) => new URLSearchParams({ code: "c0de", state: "st4te", iss });
      expect(o.validateAuthResponse(as, client, callback("https://github.com/login/oauth"), "st4te").get("code")).toBe("c0de");
      expect(() => o.validateAuthResponse(as, client, callback("https://github.com"), "st4te")).toThrow(/iss/);
    } finally {
      delete process.env.AUTH_GITHUB_ID;
      delete process.env.AUTH_GITHUB_SECRET;
    }
  });
});
