import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { AuthSettingsInput } from "@/lib/auth-settings/schemas";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { SESSION_COOKIE, SESSION_DAYS } from "@/lib/auth/context";
import { handleAuthRoute } from "@/lib/auth/next-auth";
import { appUrl } from "@/lib/config";
import { isSsoFailure, SsoFailedError } from "@/lib/sso/errors";
import { prepareSsoStart, SSO_STATE_COOKIE } from "@/lib/sso/flow";
import { orgProviderKey, redirectUriOf } from "@/lib/sso/providers";
import { PENDING_LINK_COOKIE, type SsoOutcome } from "@/lib/sso/sign-in";
import { signInAtIdp, startIdp, type TestIdp } from "./oidc-idp";
import { actorOf, orgActorOf, type Person } from "./people";

/**
 * A real OpenID Connect provider for the calling test file, on a free loopback port. The app is
 * allowed plain-HTTP, loopback issuers for the duration (ATRIUM_ALLOW_INSECURE_ISSUERS).
 */
export function useIdp(): { readonly current: TestIdp } {
  const holder = {} as { current: TestIdp };
  beforeAll(async () => {
    process.env.ATRIUM_ALLOW_INSECURE_ISSUERS = "true";
    holder.current = await startIdp();
  });
  afterAll(async () => {
    delete process.env.ATRIUM_ALLOW_INSECURE_ISSUERS;
    await holder.current?.close();
  });
  return holder;
}

type OrgSsoOptions = Partial<Omit<AuthSettingsInput, "oidc">> & { displayName?: string; emailClaim?: string; groupsClaim?: string };

/** Sets up `idp` as the organization's identity provider (through the service, as its owner) and registers the client there. */
export async function useOrgIdp(idp: TestIdp, org: { id: string; slug: string }, owner: Person, options: OrgSsoOptions = {}) {
  const clientId = `atrium-${randomBytes(4).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("base64url");
  idp.addClient({ clientId, clientSecret, redirectUri: redirectUriOf(orgProviderKey(org.id)) });
  const { displayName = "", emailClaim = "email", groupsClaim, ...rest } = options;
  const settings = await updateAuthSettings(await orgActorOf(owner, org.slug), {
    providers: [],
    domains: ["acme.test"],
    openJoin: false,
    defaultRole: "member",
    requireSso: false,
    ...rest,
    oidc: { issuer: idp.issuer, clientId, clientSecret, displayName, emailClaim, groupsClaim },
  });
  return { settings, clientId, clientSecret, providerKey: orgProviderKey(org.id) };
}

/** The browser's cookies for the app, as plain name=value pairs; `take` applies a response's Set-Cookie lines. */
export class CookieJar {
  private readonly map: Map<string, string>;
  constructor(from?: string | CookieJar) {
    this.map = from instanceof CookieJar ? new Map(from.map) : new Map((from ?? "").split(";").filter((p) => p.includes("=")).map((p) => [p.slice(0, p.indexOf("=")).trim(), p.slice(p.indexOf("=") + 1).trim()] as [string, string]));
  }
  get(name: string) {
    return this.map.get(name) ?? null;
  }
  with(name: string, value: string | null) {
    const copy = new CookieJar(this);
    if (value === null) copy.map.delete(name);
    else copy.map.set(name, value);
    return copy;
  }
  names() {
    return [...this.map.keys()];
  }
  header() {
    return [...this.map].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone) this.map.delete(name);
      else this.map.set(name, pair.slice(pair.indexOf("=") + 1));
    }
    return this;
  }
}

/** A request to next-auth's route (/api/auth/*) on the app's public origin, as a browser with `jar` sends it. */
export async function authRoute(path: string, jar: CookieJar, init: { method?: string; form?: Record<string, string> } = {}) {
  const headers = new Headers({ "user-agent": "vitest", "x-forwarded-for": "203.0.113.9" });
  if (jar.header()) headers.set("cookie", jar.header());
  if (init.form) headers.set("content-type", "application/x-www-form-urlencoded");
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  return handleAuthRoute(new Request(new URL(path, appUrl()), { method: init.method ?? (body ? "POST" : "GET"), headers, body }));
}

/** next-auth's CSRF token, as its own sign-in page gets it (the cookie goes into `jar`). */
export async function csrfToken(jar: CookieJar): Promise<string> {
  const res = await authRoute("/api/auth/csrf", jar);
  jar.take(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/**
 * Starts an attempt as the app does (Atrium's checks and attempt cookie, then next-auth's sign-in
 * endpoint, which sets its state, PKCE and nonce cookies). `who`: the signed-in person, or null.
 */
export async function startAttempt(who: Person | null, start: { provider: string; org?: string; next?: string }) {
  const started = await prepareSsoStart(await actorOf(who), start);
  const jar = new CookieJar(who?.cookie).with(SSO_STATE_COOKIE, started.cookie);
  const res = await authRoute(`/api/auth/signin/${started.providerKey}`, jar, { form: { csrfToken: await csrfToken(jar), callbackUrl: "/" } });
  jar.take(res);
  const url = res.headers.get("location") ?? "";
  if (!url.startsWith("http") || new URL(url).origin === new URL(appUrl()).origin) throw new Error(`the sign-in did not go to the provider: ${res.status} ${url}`);
  return { url, jar };
}

/** The provider's redirect back to the app with the cookies of `jar`: the outcome, or the SsoFailedError the app redirected with. */
export async function finishAttempt(jar: CookieJar, callback: URL): Promise<SsoOutcome & { response: Response }> {
  const res = await authRoute(`${callback.pathname}${callback.search}`, jar);
  const location = new URL(res.headers.get("location") ?? "/", appUrl());
  const reason = location.pathname === "/sso" ? location.searchParams.get("error") : null;
  if (reason) throw isSsoFailure(reason) ? new SsoFailedError(reason) : new Error(`unexpected error ${reason}`);
  const after = new CookieJar().take(res);
  const redirectTo = `${location.pathname}${location.search}`;
  const session = after.get(SESSION_COOKIE);
  if (session) return { kind: "signed-in", session: { token: session, maxAgeSeconds: SESSION_DAYS * 86_400 }, redirectTo, response: res };
  const pending = after.get(PENDING_LINK_COOKIE);
  if (pending) return { kind: "link", pending: decodeURIComponent(pending), redirectTo, response: res };
  throw new Error(`the callback set no session: ${res.status} ${location}`);
}

/**
 * A whole SSO sign-in through next-auth's route handler, without a browser or a Next server: start
 * (as `who`, maybe signed in), sign in at the provider as `login` like a browser would, then the
 * callback with the cookies the start set.
 */
export async function ssoSignIn(who: Person | null, start: { provider: string; org?: string; next?: string }, login: string) {
  const { url, jar } = await startAttempt(who, start);
  return finishAttempt(jar, await signInAtIdp(url, login));
}

/** The signed-in person an outcome's session cookie makes, as the next request would see them. */
export async function actorOfSession(token: string) {
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { actor: await actorOf({ id: "", email: "", cookie, headers: new Headers({ cookie, "user-agent": "vitest" }) }), cookie };
}
