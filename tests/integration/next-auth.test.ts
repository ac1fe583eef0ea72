/**
 * next-auth's own surface (/api/auth/*), driven through the route handler with plain Requests:
 * Credentials as the entry of password sign-in, CSRF, the providers list, the check cookies, a
 * provider removed mid-flight, auth() through /api/auth/session, and the ID token's signature.
 */
import { generateKeyPairSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { importJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { identities, sessions, users } from "@/db/schema";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { DEVICE_COOKIE, SESSION_COOKIE } from "@/lib/auth/context";
import { hashToken } from "@/lib/auth/tokens";
import { providerMetadata, verifiedIdTokenClaims } from "@/lib/sso/discovery";
import { SSO_STATE_COOKIE } from "@/lib/sso/flow";
import { useFreshDatabase } from "../support/database";
import { signInAtIdp } from "../support/oidc-idp";
import { seedOrg } from "../support/orgs";
import { orgActorOf, PASSWORD, person, quickPerson } from "../support/people";
import { authRoute, CookieJar, csrfToken, finishAttempt, startAttempt, useIdp, useOrgIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();

async function orgWithIdp() {
  const owner = await quickPerson({ name: "Olga Owner" });
  const org = await seedOrg([[owner, "owner"]]);
  const domain = `na-${org.id.slice(0, 8)}.test`;
  const { providerKey, clientId } = await useOrgIdp(idp.current, org, owner, { domains: [domain] });
  return { org, owner, domain, providerKey, clientId };
}

async function sessionRow(token: string) {
  const [row] = await (await getDb()).select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  return row ?? null;
}

const setCookie = (res: Response, name: string) => res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`)) ?? null;

/** A password sign-in through next-auth's Credentials callback endpoint, as a form would post it with the CSRF token. */
async function passwordSignIn(email: string, password: string, next = "/account") {
  const jar = new CookieJar();
  const res = await authRoute("/api/auth/callback/credentials", jar, { form: { csrfToken: await csrfToken(jar), email, password, next } });
  return { res, location: new URL(res.headers.get("location") ?? "/", "http://localhost:3000"), session: new CookieJar().take(res).get(SESSION_COOKIE) };
}

describe("password sign-in through Credentials", () => {
  it("opens a database session that records the method and device, and sets only Atrium's cookie", async () => {
    const alice = await person("alice");
    const { location, session, res } = await passwordSignIn(alice.email, PASSWORD);
    expect(location.pathname).toBe("/account");
    expect(session).toBeTruthy();
    expect(setCookie(res, SESSION_COOKIE)).toMatch(/HttpOnly; SameSite=Lax$/);
    // The sign-in throttle's device cookie (lib/accounts) comes with it: this browser signed in before.
    expect(setCookie(res, DEVICE_COOKIE)).toMatch(/HttpOnly; SameSite=Lax$/);
    // Only the HMAC is stored; the row says how and from where.
    expect(await sessionRow(session!)).toMatchObject({ userId: alice.id, method: "password", userAgent: "vitest", ip: "203.0.113.9" });
    // No JWT is ever minted: the cookie is the opaque session token.
    expect(session!.split(".")).toHaveLength(1);
  });

  it("answers a wrong password and an unknown email alike, and opens nothing", async () => {
    const bob = await person("bob");
    const wrong = await passwordSignIn(bob.email, "not the password");
    const unknown = await passwordSignIn(`nobody-${bob.id.slice(0, 6)}@example.com`, PASSWORD);
    for (const attempt of [wrong, unknown]) {
      expect(attempt.session).toBeNull();
      expect(`${attempt.location.pathname}?${attempt.location.searchParams}`).toBe("/signin?error=CredentialsSignin&code=credentials");
    }
    expect(await (await getDb()).$count(sessions, eq(sessions.userId, bob.id))).toBe(1);
  });

  it("keeps its redirect on the site", async () => {
    const carl = await person("carl");
    for (const next of ["https://evil.test/", "//evil.test", "/\\evil.test"]) {
      expect((await passwordSignIn(carl.email, PASSWORD, next)).location.toString()).toBe("http://localhost:3000/");
    }
  });
});

describe("next-auth's endpoints", () => {
  it("refuse a password sign-in and a provider sign-in without the CSRF token", async () => {
    const dora = await person("dora");
    const credentials = await authRoute("/api/auth/callback/credentials", new CookieJar(), { form: { email: dora.email, password: PASSWORD } });
    expect(credentials.headers.get("location")).toContain("error=MissingCSRF");
    expect(setCookie(credentials, SESSION_COOKIE)).toBeNull();

    const { providerKey } = await orgWithIdp();
    const start = await authRoute(`/api/auth/signin/${providerKey}`, new CookieJar(), { form: { callbackUrl: "/" } });
    expect(start.headers.get("location")).not.toContain(idp.current.issuer);
    expect(setCookie(start, "authjs.state")).toBeNull();
  });

  it("never list an organization's provider", async () => {
    await orgWithIdp();
    for (const path of ["/api/auth/providers", "/api/auth/providers?provider=x"]) {
      const res = await authRoute(path, new CookieJar());
      expect(Object.keys(await res.json())).toEqual(["credentials"]);
    }
  });

  it("delete the check cookies with Max-Age=0 once a callback used them, and the attempt too", async () => {
    const { domain, providerKey } = await orgWithIdp();
    const { url, jar } = await startAttempt(null, { provider: providerKey });
    for (const name of ["authjs.state", "authjs.pkce.code_verifier", "authjs.nonce", SSO_STATE_COOKIE]) expect(jar.get(name), name).toBeTruthy();
    const outcome = await finishAttempt(jar, await signInAtIdp(url, `eli@${domain}`));
    expect(outcome.kind).toBe("signed-in");
    for (const name of ["authjs.state", "authjs.pkce.code_verifier", "authjs.nonce"]) expect(setCookie(outcome.response, name), name).toMatch(/Max-Age=0/);
    expect(setCookie(outcome.response, SSO_STATE_COOKIE)).toMatch(/^atrium_sso=; Path=\/api\/auth\/callback; Max-Age=0/);
  });

  it("fail closed for a provider removed mid-flight, and say unavailable for one that is gone", async () => {
    const { org, owner, domain, providerKey } = await orgWithIdp();
    const { url, jar } = await startAttempt(null, { provider: providerKey });
    const callback = await signInAtIdp(url, `fay@${domain}`);
    await updateAuthSettings(await orgActorOf(owner, org.slug), { providers: [], domains: [domain], openJoin: false, defaultRole: "member", requireSso: false, oidc: null });
    await expect(finishAttempt(jar, callback)).rejects.toMatchObject({ reason: "unavailable" });
    expect(await (await getDb()).$count(users, eq(users.email, `fay@${domain}`))).toBe(0);

    const start = await authRoute(`/api/auth/signin/${providerKey}`, jar, { form: { csrfToken: await csrfToken(jar), callbackUrl: "/" } });
    expect(start.headers.get("location")).toBe("http://localhost:3000/sso?error=unavailable");
  });
});

describe("auth() through /api/auth/session", () => {
  it("reads the same live database session, hides its token, and ends with it", async () => {
    const gus = await person("gus");
    const jar = new CookieJar(gus.cookie);
    const body = await (await authRoute("/api/auth/session", jar)).json();
    expect(body).toMatchObject({ user: { id: gus.id, email: gus.email, method: "password" } });
    expect(JSON.stringify(body)).not.toContain(jar.get(SESSION_COOKIE));

    await (await getDb()).delete(sessions).where(eq(sessions.tokenHash, hashToken(jar.get(SESSION_COOKIE)!)));
    expect(await (await authRoute("/api/auth/session", jar)).json()).toBeNull();
  });

  it("sign-out through next-auth deletes the row", async () => {
    const hal = await person("hal");
    const jar = new CookieJar(hal.cookie);
    const token = jar.get(SESSION_COOKIE)!;
    await authRoute("/api/auth/signout", jar, { form: { csrfToken: await csrfToken(jar), callbackUrl: "/" } });
    expect(await sessionRow(token)).toBeNull();
  });
});

describe("the ID token's signature", () => {
  it("is checked against the provider's published keys: a token signed by anyone else is refused", async () => {
    const { clientId } = await orgWithIdp();
    const md = await providerMetadata(idp.current.issuer);
    const key = await importJWK(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), "RS256");
    const forged = await new SignJWT({ sub: "sub-mallory", email: "mallory@acme.test", email_verified: true })
      .setProtectedHeader({ alg: "RS256", kid: "test-idp" })
      .setIssuer(md.issuer)
      .setAudience(clientId)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
    await expect(verifiedIdTokenClaims(md, clientId, forged)).rejects.toThrow(/signature verification failed/);
    expect(await (await getDb()).$count(identities, eq(identities.subject, "sub-mallory"))).toBe(0);
  });
});
