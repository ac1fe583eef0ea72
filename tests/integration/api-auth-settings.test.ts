/**
 * GET, PUT /api/v1/orgs/{slug}/auth-settings through the route handlers, against a real OpenID
 * Connect provider on loopback (and a few servers that are not one).
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, identities, orgAuthSettings, orgDomains } from "@/db/schema";
import { unseal } from "@/lib/auth/sealed";
import type { OrgRole } from "@/lib/authz";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";
import { startIdp, type TestIdp } from "../support/oidc-idp";
import { auditCount, seedOrg } from "../support/orgs";
import { person, quickPerson, type Person } from "../support/people";
import { freePort } from "../support/smtp";
import { useIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();

type Caller = OrgRole | "outsider" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "member", "viewer", "outsider", "anonymous"];
let people: Record<Exclude<Caller, "anonymous">, Person>;
const as = (caller: Caller) => (caller === "anonymous" ? null : people[caller]);

beforeAll(async () => {
  const [owner, admin, member, viewer, outsider] = await Promise.all(["owner", "admin", "member", "viewer", "outsider"].map((l) => person(l)));
  people = { owner, admin, member, viewer, outsider };
});

const freshOrg = (visibility: "private" | "public" = "private") =>
  seedOrg(
    [
      [people.owner, "owner"],
      [people.admin, "admin"],
      [people.member, "member"],
      [people.viewer, "viewer"],
    ],
    { visibility },
  );

const uniqueDomain = () => `corp-${randomBytes(4).toString("hex")}.test`;
const secret = () => `s3cret-${randomBytes(12).toString("hex")}`;

/** A complete, valid PUT body with the test IdP as the organization's provider. */
const settingsBody = (overrides: Record<string, unknown> = {}) => ({
  providers: [],
  domains: [uniqueDomain()],
  openJoin: true,
  defaultRole: "viewer",
  requireSso: false,
  oidc: { issuer: idp.current.issuer, clientId: "atrium-client", clientSecret: secret(), displayName: "Corp SSO", emailClaim: "email", groupsClaim: "groups" },
  ...overrides,
});

const put = (slug: string, body: unknown, who: Person | null = people.owner) => api("PUT", `/api/v1/orgs/${slug}/auth-settings`, { as: who, body });

async function storedSettings(orgId: string) {
  const db = await getDb();
  const [row] = await db.select().from(orgAuthSettings).where(eq(orgAuthSettings.orgId, orgId));
  const domains = await db.select({ domain: orgDomains.domain }).from(orgDomains).where(eq(orgDomains.orgId, orgId)).orderBy(asc(orgDomains.domain));
  return { row: row ?? null, domains: domains.map((d) => d.domain) };
}

async function auditRows(orgId: string) {
  const db = await getDb();
  return db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(asc(auditEvents.id));
}

/** Expects a 400 (or `status`) whose field error for `field` matches `message`, and nothing written. */
async function expectRefused(org: { id: string; slug: string }, body: unknown, field: string, message: RegExp, status = 400) {
  const before = await storedSettings(org.id);
  const res = await put(org.slug, body);
  const json = await bodyOf(res);
  expect(res.status, JSON.stringify(json)).toBe(status);
  expect(json.error.code).toBe(ERROR_CODE[status]);
  expect(json.error.fields?.[field], JSON.stringify(json.error)).toMatch(message);
  expect(await storedSettings(org.id)).toEqual(before);
  return json;
}

describe("permission matrix over HTTP: owners edit, admins read", () => {
  type Route = "GET /orgs/{slug}/auth-settings" | "PUT /orgs/{slug}/auth-settings";
  const MATRIX: [Route, "private" | "public", string][] = [
    // route                              org        owner admin member viewer outsider anonymous
    ["GET /orgs/{slug}/auth-settings", "private", "200   200   403    403    404      404"],
    ["GET /orgs/{slug}/auth-settings", "public",  "200   200   403    403    403      401"],
    ["PUT /orgs/{slug}/auth-settings", "private", "200   403   403    403    404      404"],
    ["PUT /orgs/{slug}/auth-settings", "public",  "200   403   403    403    403      401"],
  ];
  const cases = MATRIX.flatMap(([route, visibility, statuses]) => statusesByCaller(statuses, CALLERS).map((c) => ({ route, visibility, ...c })));

  it("has a status for every route × visibility × caller", () => {
    expect(cases).toHaveLength(2 * 2 * 6);
  });

  it.each(cases)("$route on a $visibility org as $caller → $status", async ({ route, visibility, caller, status }) => {
    const org = await freshOrg(visibility);
    const body = settingsBody();
    const res = route.startsWith("GET") ? await api("GET", `/api/v1/orgs/${org.slug}/auth-settings`, { as: as(caller) }) : await put(org.slug, body, as(caller));
    const json = await bodyOf(res);
    expect(res.status, JSON.stringify(json)).toBe(status);
    if (status >= 400) expect(json.error.code).toBe(ERROR_CODE[status]);
    const stored = await storedSettings(org.id);
    if (route.startsWith("PUT") && status === 200) {
      expect(stored.row).toMatchObject({ openJoin: true, defaultRole: "viewer", oidcIssuer: idp.current.issuer, oidcClientId: "atrium-client", oidcGroupsClaim: "groups" });
      expect(stored.domains).toEqual(body.domains);
      expect(await auditCount(org.id)).toBe(1);
    } else {
      // Reads and refusals write nothing.
      expect(stored).toEqual({ row: null, domains: [] });
      expect(await auditCount(org.id)).toBe(0);
    }
    if (route.startsWith("GET") && status === 200) {
      expect(json).toMatchObject({ providers: [], domains: [], openJoin: false, defaultRole: "member", requireSso: false, oidc: null });
      expect(json.server.redirectUri).toBe(`http://localhost:3000/api/auth/callback/org-${org.id}`);
    }
  });
});

describe("the client secret", () => {
  it("is sealed at rest, never returned, never in the audit trail", async () => {
    const org = await freshOrg();
    const body = settingsBody();
    const saved = await put(org.slug, body);
    expect(saved.status).toBe(200);
    const text = JSON.stringify(await bodyOf(saved));
    expect(text).not.toContain(body.oidc.clientSecret);
    expect(JSON.parse(text).oidc).toEqual({ issuer: idp.current.issuer, clientId: "atrium-client", clientSecretSet: true, displayName: "Corp SSO", emailClaim: "email", groupsClaim: "groups" });

    const { row } = await storedSettings(org.id);
    expect(row!.oidcClientSecret).not.toContain(body.oidc.clientSecret);
    expect(unseal("sso client secret", row!.oidcClientSecret!)).toBe(body.oidc.clientSecret);
    // Sealed for its purpose only: another purpose's key cannot open it.
    expect(unseal("sso state", row!.oidcClientSecret!)).toBeNull();

    const got = await api("GET", `/api/v1/orgs/${org.slug}/auth-settings`, { as: people.admin });
    expect(JSON.stringify(await bodyOf(got))).not.toContain(body.oidc.clientSecret);
    const trail = JSON.stringify(await auditRows(org.id));
    expect(trail).not.toContain(body.oidc.clientSecret);
    expect(trail).not.toContain(row!.oidcClientSecret!);
  });

  it("is kept when left out while the issuer and client stay, and required again when either changes", async () => {
    const org = await freshOrg();
    const body = settingsBody();
    expect((await put(org.slug, body)).status).toBe(200);
    const sealed = (await storedSettings(org.id)).row!.oidcClientSecret;

    const kept = await put(org.slug, { ...body, openJoin: false, oidc: { ...body.oidc, clientSecret: "" } });
    expect(kept.status).toBe(200);
    expect((await storedSettings(org.id)).row).toMatchObject({ openJoin: false, oidcClientSecret: sealed });

    await expectRefused(org, { ...body, oidc: { ...body.oidc, clientId: "another-client", clientSecret: undefined } }, "oidc.clientSecret", /Enter the client secret again/);
    expect((await put(org.slug, { ...body, oidc: { ...body.oidc, clientId: "another-client", clientSecret: "new-secret" } })).status).toBe(200);
    expect(unseal("sso client secret", (await storedSettings(org.id)).row!.oidcClientSecret!)).toBe("new-secret");
  });

  it("is required for a new provider", async () => {
    const org = await freshOrg();
    await expectRefused(org, settingsBody({ oidc: { issuer: idp.current.issuer, clientId: "c" } }), "oidc.clientSecret", /^Enter the client secret\.$/);
  });
});

describe("issuer validation by discovery", () => {
  let plain: Server;
  let plainUrl: string;
  beforeAll(async () => {
    // A web server that is not an OpenID provider: HTML at /not-oidc, a discovery document naming
    // someone else at /mismatch, one without keys at /no-keys.
    plain = createServer((req, res) => {
      const base = `http://localhost:${(plain.address() as AddressInfo).port}`;
      const doc = (issuer: string, extra: object = {}) => JSON.stringify({ issuer, authorization_endpoint: `${base}/a`, token_endpoint: `${base}/t`, jwks_uri: `${base}/k`, response_types_supported: ["code"], ...extra });
      if (req.url === "/mismatch/.well-known/openid-configuration") return void res.writeHead(200, { "content-type": "application/json" }).end(doc("https://elsewhere.example"));
      if (req.url === "/no-keys/.well-known/openid-configuration") return void res.writeHead(200, { "content-type": "application/json" }).end(doc(`${base}/no-keys`, { jwks_uri: undefined }));
      if (req.url === "/implicit/.well-known/openid-configuration") return void res.writeHead(200, { "content-type": "application/json" }).end(doc(`${base}/implicit`, { response_types_supported: ["id_token"] }));
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Welcome</title>");
    });
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    plainUrl = `http://localhost:${(plain.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => plain.close(() => resolve())));

  const withIssuer = (issuer: string) => settingsBody({ oidc: { issuer, clientId: "c", clientSecret: "s" } });

  it("refuses an issuer that does not answer", async () => {
    const org = await freshOrg();
    await expectRefused(org, withIssuer(`http://localhost:${await freePort()}`), "oidc.issuer", /could not be reached/);
  });

  it("refuses a server that is not an OpenID Connect issuer", async () => {
    const org = await freshOrg();
    await expectRefused(org, withIssuer(`${plainUrl}/not-oidc`), "oidc.issuer", /is not an OpenID Connect discovery document/);
  });

  it("refuses a discovery document that names another issuer, naming it", async () => {
    const org = await freshOrg();
    await expectRefused(org, withIssuer(`${plainUrl}/mismatch`), "oidc.issuer", /names a different issuer \(https:\/\/elsewhere\.example\)/);
  });

  it("refuses issuers that cannot sign ID tokens or do not offer the code flow", async () => {
    const org = await freshOrg();
    await expectRefused(org, withIssuer(`${plainUrl}/no-keys`), "oidc.issuer", /has no jwks_uri/);
    await expectRefused(org, withIssuer(`${plainUrl}/implicit`), "oidc.issuer", /does not offer the authorization code flow/);
  });

  it("refuses URLs with credentials, a query or a fragment, and what is not an http(s) URL", async () => {
    const org = await freshOrg();
    await expectRefused(org, withIssuer(`http://user:pw@localhost:${idp.current.port}`), "oidc.issuer", /without credentials/);
    await expectRefused(org, withIssuer(`${idp.current.issuer}?tenant=1`), "oidc.issuer", /without credentials, query or fragment/);
    await expectRefused(org, withIssuer("ftp://idp.example.com"), "oidc.issuer", /starting with https/);
    await expectRefused(org, withIssuer("not a url"), "oidc.issuer", /starting with https/);
  });

  describe("outside development (no ATRIUM_ALLOW_INSECURE_ISSUERS)", () => {
    beforeEach(() => {
      delete process.env.ATRIUM_ALLOW_INSECURE_ISSUERS;
      return () => {
        process.env.ATRIUM_ALLOW_INSECURE_ISSUERS = "true";
      };
    });

    it("refuses a plain-HTTP issuer, even a working one", async () => {
      const org = await freshOrg();
      await expectRefused(org, withIssuer(idp.current.issuer), "oidc.issuer", /must use HTTPS/);
    });

    it("refuses HTTPS issuers on loopback or private addresses (the server must not call into its own network)", async () => {
      const org = await freshOrg();
      for (const issuer of ["https://127.0.0.1:8443", "https://localhost", "https://[::1]", "https://10.1.2.3", "https://169.254.169.254"]) {
        await expectRefused(org, withIssuer(issuer), "oidc.issuer", /must be on a public address/);
      }
    });
  });

  it("stores the issuer as its discovery document spells it", async () => {
    const org = await freshOrg();
    const res = await put(org.slug, withIssuer(`${idp.current.issuer}/`));
    expect(res.status).toBe(200);
    expect((await storedSettings(org.id)).row!.oidcIssuer).toBe(idp.current.issuer);
  });
});

describe("domains", () => {
  it("are normalized, deduplicated and claimed by one organization only", async () => {
    const org = await freshOrg();
    const domain = uniqueDomain();
    const res = await put(org.slug, settingsBody({ domains: `${domain.toUpperCase()}, @${domain}\nsub.${domain}.` }));
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).domains).toEqual([domain, `sub.${domain}`].sort());

    const other = await freshOrg();
    const json = await expectRefused(other, settingsBody({ domains: [uniqueDomain(), domain] }), "domains", new RegExp(`${domain.replace(/\./g, "\\.")} is already claimed by another organization`), 409);
    expect(json.error.code).toBe("conflict");

    // Released by the first organization, the domain can be claimed.
    expect((await put(org.slug, settingsBody({ domains: [`sub.${domain}`] }))).status).toBe(200);
    expect((await put(other.slug, settingsBody({ domains: [domain] }))).status).toBe(200);
  });

  it("refuse public mail services and what is not a domain, never echoing markup", async () => {
    const org = await freshOrg();
    await expectRefused(org, settingsBody({ domains: ["gmail.com"] }), "domains", /gmail\.com is a public mail service/);
    await expectRefused(org, settingsBody({ domains: ["Outlook.com", "yahoo.com"] }), "domains", /outlook\.com, yahoo\.com are public mail services/);
    await expectRefused(org, settingsBody({ domains: ["acme"] }), "domains", /Not a domain name: acme\./);
    await expectRefused(org, settingsBody({ domains: ["192.168.1.1"] }), "domains", /Not a domain name/);
    const json = await expectRefused(org, settingsBody({ domains: ["<img src=x onerror=alert(1)>.com"] }), "domains", /Not a domain name: #1\./);
    expect(JSON.stringify(json)).not.toContain("<img");
    await expectRefused(org, settingsBody({ domains: Array.from({ length: 21 }, (_, i) => `d${i}-${uniqueDomain()}`) }), "domains", /at most 20 domains/);
  });

  it("are needed for open join and for an identity provider", async () => {
    const org = await freshOrg();
    await expectRefused(org, settingsBody({ domains: [], oidc: null }), "domains", /whose people may join/);
    await expectRefused(org, settingsBody({ domains: [], openJoin: false }), "domains", /may only assert addresses there/);
  });
});

describe("combinations and bad input", () => {
  it("refuses to require SSO with no SSO method to satisfy it", async () => {
    const org = await freshOrg();
    await expectRefused(org, settingsBody({ oidc: null, requireSso: true }), "requireSso", /Set up an identity provider or accept an SSO provider first/);
  });

  it("refuses instance providers this server does not configure", async () => {
    const org = await freshOrg();
    delete process.env.AUTH_GITHUB_ID;
    await expectRefused(org, settingsBody({ providers: ["github"] }), "providers", /GitHub is not configured on this server/);
    await expectRefused(org, settingsBody({ providers: ["myspace"] }), "providers.0", /Unknown sign-in provider/);
  });

  it("requires every key (a PUT replaces the whole settings) and real types", async () => {
    const org = await freshOrg();
    for (const key of ["providers", "domains", "openJoin", "defaultRole", "requireSso", "oidc"]) {
      const body: Record<string, unknown> = settingsBody();
      delete body[key];
      await expectRefused(org, body, key, /./);
    }
    await expectRefused(org, settingsBody({ openJoin: "true" }), "openJoin", /true or false/);
    await expectRefused(org, settingsBody({ defaultRole: "owner" }), "defaultRole", /member or viewer/);
    await expectRefused(org, settingsBody({ oidc: { ...settingsBody().oidc, emailClaim: "e mail" } }), "oidc.emailClaim", /letters, digits/);
    await expectRefused(org, settingsBody({ oidc: { ...settingsBody().oidc, displayName: "x".repeat(61) } }), "oidc.displayName", /under 60/);
    await expectRefused(org, settingsBody({ oidc: { ...settingsBody().oidc, clientId: "a\u0000b" } }), "oidc.clientId", /NUL/);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const org = await freshOrg();
    const res = await api("PUT", `/api/v1/orgs/${org.slug}/auth-settings`, { as: people.owner, rawBody: "{not json" });
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.code).toBe("invalid_json");
  });

  it("refuses cross-site writes with the session cookie", async () => {
    const org = await freshOrg();
    const res = await api("PUT", `/api/v1/orgs/${org.slug}/auth-settings`, { as: people.owner, body: settingsBody(), headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(403);
    expect(await storedSettings(org.id)).toEqual({ row: null, domains: [] });
  });

  describe("on an invitation-only server (ATRIUM_INVITE_ONLY=true)", () => {
    beforeEach(() => {
      process.env.ATRIUM_INVITE_ONLY = "true";
      return () => {
        delete process.env.ATRIUM_INVITE_ONLY;
      };
    });

    it("hides and refuses open join, and takes the rest", async () => {
      const org = await freshOrg();
      const got = await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/auth-settings`, { as: people.owner }));
      expect(got.server.openJoinAllowed).toBe(false);
      await expectRefused(org, settingsBody({ openJoin: true }), "openJoin", /invitation-only/);
      expect((await put(org.slug, settingsBody({ openJoin: false }))).status).toBe(200);
    });
  });
});

describe("the audit trail", () => {
  it("records what changed, the secret only masked", async () => {
    const org = await freshOrg();
    const body = settingsBody({ openJoin: false });
    await put(org.slug, body);
    await put(org.slug, { ...body, requireSso: true, oidc: { ...body.oidc, clientSecret: "" } });
    await put(org.slug, { ...body, requireSso: true, oidc: { ...body.oidc, clientSecret: "" } });
    const rows = (await auditRows(org.id)).filter((r) => r.action === "org.auth_settings.updated");
    // The third save changed nothing, so it left no event.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorId: people.owner.id, actorRole: "owner", targetLabel: org.slug });
    expect(rows[0].after).toMatchObject({ domains: body.domains, oidcIssuer: idp.current.issuer, oidcClientId: "atrium-client", oidcClientSecret: "••••" });
    expect(rows[1].before).toEqual({ requireSso: false });
    expect(rows[1].after).toEqual({ requireSso: true });
  });
});

describe("replacing or removing the identity provider", () => {
  let second: TestIdp;
  beforeAll(async () => {
    second = await startIdp();
  });
  afterAll(() => second.close());

  async function linkedIdentity(orgId: string) {
    const someone = await quickPerson();
    const db = await getDb();
    await db.insert(identities).values({ userId: someone.id, provider: `org-${orgId}`, subject: `sub-${randomBytes(4).toString("hex")}`, orgId, email: someone.email, emailVerified: true });
    return someone;
  }
  const identitiesOf = async (orgId: string) => (await getDb()).select().from(identities).where(eq(identities.orgId, orgId));

  it("unlinks the identities of a replaced issuer (its subjects are not the old one's), and says so in the trail", async () => {
    const org = await freshOrg();
    const body = settingsBody();
    await put(org.slug, body);
    await linkedIdentity(org.id);
    // Same issuer, other settings: identities stay.
    expect((await put(org.slug, { ...body, oidc: { ...body.oidc, displayName: "Renamed SSO", clientSecret: "" } })).status).toBe(200);
    expect(await identitiesOf(org.id)).toHaveLength(1);

    expect((await put(org.slug, { ...body, oidc: { ...body.oidc, issuer: second.issuer } })).status).toBe(200);
    expect(await identitiesOf(org.id)).toHaveLength(0);
    const last = (await auditRows(org.id)).at(-1)!;
    expect(last.after).toMatchObject({ oidcIssuer: second.issuer, identitiesUnlinked: 1 });
  });

  it("unlinks them when the provider is removed", async () => {
    const org = await freshOrg();
    const body = settingsBody();
    await put(org.slug, body);
    await linkedIdentity(org.id);
    const res = await put(org.slug, { ...body, oidc: null });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).oidc).toBeNull();
    expect(await identitiesOf(org.id)).toHaveLength(0);
    expect((await storedSettings(org.id)).row).toMatchObject({ oidcIssuer: null, oidcClientId: null, oidcClientSecret: null });
  });
});
