import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { AuthSettingsInput } from "@/lib/auth-settings/schemas";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { SESSION_COOKIE, type Actor } from "@/lib/auth/context";
import { finishSso, startSso } from "@/lib/sso/flow";
import { orgProviderKey, redirectUriOf } from "@/lib/sso/providers";
import { proveDomains, useDnsServer } from "./domains";
import { signInAtIdp, startIdp, type TestIdp } from "./oidc-idp";
import { actorOf, orgActorOf, type Person } from "./people";

/**
 * A real OpenID Connect provider for the calling test file, on a free loopback port. The app is
 * allowed plain-HTTP, loopback issuers for the duration (ATRIUM_ALLOW_INSECURE_ISSUERS).
 */
export function useIdp(): { readonly current: TestIdp } {
  const holder = {} as { current: TestIdp };
  // An organization's provider speaks only for domains proven in DNS: the test DNS server comes along.
  useDnsServer();
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

type OrgSsoOptions = Partial<Omit<AuthSettingsInput, "oidc">> & { displayName?: string; emailClaim?: string; groupsClaim?: string; prove?: boolean };

/**
 * Sets up `idp` as the organization's identity provider (through the service, as its owner), registers
 * the client there and proves the domains in DNS (unless `prove: false`).
 */
export async function useOrgIdp(idp: TestIdp, org: { id: string; slug: string }, owner: Person, options: OrgSsoOptions = {}) {
  const clientId = `atrium-${randomBytes(4).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("base64url");
  idp.addClient({ clientId, clientSecret, redirectUri: redirectUriOf(orgProviderKey(org.id)) });
  const { displayName = "", emailClaim = "email", groupsClaim, prove = true, ...rest } = options;
  const settings = await updateAuthSettings(await orgActorOf(owner, org.slug), {
    providers: [],
    domains: ["acme.test"],
    openJoin: false,
    defaultRole: "member",
    requireSso: false,
    ...rest,
    oidc: { issuer: idp.issuer, clientId, clientSecret, displayName, emailClaim, groupsClaim },
  });
  if (prove) await proveDomains(owner, org);
  return { settings, clientId, clientSecret, providerKey: orgProviderKey(org.id) };
}

/**
 * A whole SSO sign-in through the services: start (as `actor`, maybe signed in), sign in at the
 * provider as `login` like a browser would, then the callback with the attempt's cookie.
 */
export async function ssoSignIn(actor: Actor, start: { provider: string; org?: string; next?: string }, login: string) {
  const started = await startSso(actor, start);
  const callback = await signInAtIdp(started.url, login);
  return finishSso(actor, start.provider, callback, started.cookie);
}

/** The signed-in person an outcome's session cookie makes, as the next request would see them. */
export async function actorOfSession(token: string) {
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { actor: await actorOf({ id: "", email: "", cookie, headers: new Headers({ cookie, "user-agent": "vitest" }) }), cookie };
}
