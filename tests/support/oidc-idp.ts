/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, for integration tests,
 * the end-to-end suite and the benchmark: discovery, signed ID tokens, PKCE, a login page. Nothing
 * about it is mocked; only its accounts are made up.
 *
 * Logins: "alice@acme.test" signs in as an account with that address, verified, subject
 * "sub-alice@acme.test". setAccount() gives a login other claims (email_verified false, another
 * address, groups…). Clients are added at run time (their redirect URI names the organization).
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Adapter, type AdapterPayload, type ClientMetadata } from "oidc-provider";

export type IdpClaims = { sub: string; email?: string; email_verified?: boolean; name?: string; groups?: string[] } & Record<string, unknown>;
export type IdpClient = { clientId: string; clientSecret: string; redirectUri: string };

export type TestIdp = {
  issuer: string;
  port: number;
  addClient(client: IdpClient): void;
  /** The claims a login signs in with (replacing the derived ones). */
  setAccount(login: string, claims: Partial<IdpClaims>): void;
  /** From now on, serve the discovery document with these members replaced (null: as the provider makes it). */
  patchDiscovery(patch: Record<string, unknown> | null): void;
  close(): Promise<void>;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

const loginPage = (uid: string, hint: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;font-size:1rem;margin:.5rem 0}input{width:100%;padding:.5rem}</style></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}/login"><label for="login">Username</label><input id="login" name="login" value="${escapeHtml(hint)}" autofocus required><button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;

/**
 * Starts the provider on `port` (0: any free port). Its issuer is http://localhost:<port> (STACK.md
 * trap 9). `control`: the /__test endpoints. `redirectPrefix`: every client may redirect anywhere
 * under it (for trying SSO locally, where each organization's callback names its id).
 */
export async function startIdp({ port = 0, control = false, redirectPrefix }: { port?: number; control?: boolean; redirectPrefix?: string } = {}): Promise<TestIdp> {
  const clients = new Map<string, ClientMetadata>();
  const accounts = new Map<string, IdpClaims>();
  const subjects = new Map<string, IdpClaims>();
  const stores = new Map<string, Map<string, AdapterPayload>>();
  let discoveryPatch: Record<string, unknown> | null = null;

  const claimsFor = (login: string): IdpClaims => accounts.get(login) ?? { sub: `sub-${login}`, email: login, email_verified: true, name: login.split("@")[0] };

  // oidc-provider keeps its state (sessions, codes, grants) in an adapter; clients come from ours.
  class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private get store() {
      let store = stores.get(this.model);
      if (!store) stores.set(this.model, (store = new Map()));
      return store;
    }
    async upsert(id: string, payload: AdapterPayload) {
      this.store.set(id, { ...payload });
    }
    async find(id: string) {
      return this.model === "Client" ? (clients.get(id) as AdapterPayload | undefined) : this.store.get(id);
    }
    async findByUserCode(userCode: string) {
      return [...this.store.values()].find((p) => p.userCode === userCode);
    }
    async findByUid(uid: string) {
      return [...this.store.values()].find((p) => p.uid === uid);
    }
    async consume(id: string) {
      const payload = this.store.get(id);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const store of stores.values()) for (const [id, p] of store) if (p.grantId === grantId) store.delete(id);
    }
  }

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${actualPort}`;

  const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    adapter: MemoryAdapter,
    jwks: { keys: [{ ...key, kid: "test-idp", use: "sig", alg: "RS256" }] as never },
    findAccount: async (_ctx, sub) => {
      const claims = subjects.get(sub);
      return claims ? { accountId: sub, claims: async () => ({ ...claims }) } : undefined;
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // STACK.md trap 10: so the ID token carries email and name.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ["atrium-test-idp-cookie-key"] },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  provider.on("server_error", (_ctx, error) => console.error("test IdP server error", error));
  if (redirectPrefix) {
    const registered = provider.Client.prototype.redirectUriAllowed;
    provider.Client.prototype.redirectUriAllowed = function (uri: string) {
      return uri.startsWith(redirectPrefix) || registered.call(this, uri);
    };
  }
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, step: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid, String(details.params.login_hint ?? "")));
      return;
    }
    if (step === "abort") {
      await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled." }, { mergeWithLastSubmission: false });
      return;
    }
    const login = (await readForm(req)).get("login")?.trim() || "anonymous@example.test";
    const claims = claimsFor(login);
    subjects.set(claims.sub, claims);
    const grant = new provider.Grant({ accountId: claims.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: claims.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|abort))?$/);
    const handle = async () => {
      if (match) return interaction(req, res, match[1], match[2]);
      if (control && req.method === "POST" && url.pathname === "/__test/clients") {
        const body = await readJson(req);
        idp.addClient(body as unknown as IdpClient);
        return void res.writeHead(204).end();
      }
      if (control && req.method === "POST" && url.pathname === "/__test/accounts") {
        const body = await readJson(req);
        idp.setAccount(String(body.login), body.claims as Partial<IdpClaims>);
        return void res.writeHead(204).end();
      }
      if (url.pathname === "/__test/health") return void res.writeHead(200).end("ok");
      if (discoveryPatch && url.pathname === "/.well-known/openid-configuration" && !req.headers["x-test-unpatched"]) {
        const real = await (await fetch(`${issuer}${url.pathname}`, { headers: { "x-test-unpatched": "1" } })).json();
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...real, ...discoveryPatch }));
      }
      return callback(req, res);
    };
    handle().catch((error) => {
      console.error("test IdP", error);
      if (!res.headersSent) res.writeHead(500).end("test IdP error");
    });
  });

  const idp: TestIdp = {
    issuer,
    port: actualPort,
    addClient({ clientId, clientSecret, redirectUri }) {
      clients.set(clientId, {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      });
    },
    setAccount(login, claims) {
      accounts.set(login, { ...claimsFor(login), ...claims } as IdpClaims);
    },
    patchDiscovery(patch) {
      discoveryPatch = patch;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return idp;
}

/**
 * Plays the browser at the provider: opens the authorization URL, signs in as `login` on its login
 * page (or cancels), and returns the URL the provider redirects back to (the app's callback).
 */
export async function signInAtIdp(authorizationUrl: string, login: string, { cancel = false } = {}): Promise<URL> {
  const idpOrigin = new URL(authorizationUrl).origin;
  const jar = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return res;
  };
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 10; step++) {
    const res = await send(url);
    const location = res.headers.get("location");
    if (!location) throw new Error(`the IdP answered ${res.status} at ${url.pathname}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url);
    if (url.origin !== idpOrigin) return url;
    const interaction = url.pathname.match(/^\/interaction\/([^/]+)$/);
    if (interaction) {
      await send(url);
      const posted = await send(new URL(`/interaction/${interaction[1]}/${cancel ? "abort" : "login"}`, idpOrigin), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login }).toString(),
      });
      url = new URL(posted.headers.get("location")!, idpOrigin);
      if (url.origin !== idpOrigin) return url;
    }
  }
  throw new Error("the IdP never redirected back to the app");
}
