/**
 * Two instances of the production build behind Debian's nginx, on one PostgreSQL (issue 13 item 3).
 * nginx listens on three ports: the front (round robin over both, the APP_URL every link uses) and
 * one pinned to each instance, so a test can say "through A" and "through B". The instances trust
 * nginx by its address (ATRIUM_TRUSTED_PROXIES=127.0.0.1) and share nothing but the database.
 * Covered: sign-in on A acting on B (password and SSO), an invitation sent on A accepted on B, a
 * session revoked on A refused on B, the shared invitation limit, each mail sent once, the dev
 * inbox, and the client's address and request id believed from nginx only.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startSmtpSink } from "../support/smtp";
import { call, freshDatabase, insertSignedInUser, postgresBin, privatePostgres, startApp, unique, type App, type PrivatePostgres } from "./processes";
import { DNS_CONTROL_URL, freePorts, IDP_URL } from "./servers";

const NGINX = "/usr/sbin/nginx";
const bin = postgresBin();
test.skip(!bin || !existsSync(NGINX), "needs PostgreSQL server binaries and Debian's nginx (.ci/run installs it)");
test.describe.configure({ mode: "serial", timeout: 240_000 });

const [FRONT, VIA_A, VIA_B, APP_A, APP_B] = freePorts(5);
const front = `http://localhost:${FRONT}`;
const viaA = `http://localhost:${VIA_A}`;
const viaB = `http://localhost:${VIA_B}`;

/**
 * The proxying of deploy/nginx.conf (its `location /` block, the headers and buffers docs/runbook.md
 * deploys with) in front of `upstream`.
 */
function deployedLocation(upstream: string) {
  const conf = readFileSync(path.join(process.cwd(), "deploy/nginx.conf"), "utf8");
  const block = /^( *)location \/ \{\n[\s\S]*?\n\1\}$/m.exec(conf)?.[0];
  if (!block?.includes("proxy_pass http://atrium;")) throw new Error("deploy/nginx.conf has no `location /` block proxying to http://atrium");
  return block.replace("proxy_pass http://atrium;", `proxy_pass http://${upstream};`);
}

/** nginx as a reverse proxy, configured as deploy/nginx.conf; runs in the foreground as our child. */
function startNginx() {
  const dir = mkdtempSync(path.join(tmpdir(), "atrium-nginx-"));
  chmodSync(dir, 0o777);
  const server = (port: number, upstream: string) => `server { listen 127.0.0.1:${port}; ${deployedLocation(upstream)} }`;
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
    pid ${dir}/nginx.pid;
    error_log ${dir}/error.log warn;
    events { worker_connections 256; }
    http {
      access_log ${dir}/access.log;
      client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
      upstream both { server 127.0.0.1:${APP_A}; server 127.0.0.1:${APP_B}; keepalive 8; }
      upstream only_a { server 127.0.0.1:${APP_A}; }
      upstream only_b { server 127.0.0.1:${APP_B}; }
      ${server(FRONT, "both")}
      ${server(VIA_A, "only_a")}
      ${server(VIA_B, "only_b")}
    }`,
  );
  const check = spawnSync(NGINX, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  return {
    errorLog: () => (existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : ""),
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * POST JSON from `localAddress` (Linux routes all of 127.0.0.0/8 to loopback), so the app can tell
 * this client from nginx at 127.0.0.1; `headers` are what the client adds, forged ones included.
 */
function postFrom(localAddress: string, url: string, cookie: string, body: unknown, headers: Record<string, string>) {
  return new Promise<{ status: number; requestId: string }>((resolve, reject) => {
    const req = request(url, { method: "POST", localAddress, headers: { cookie, "content-type": "application/json", ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, requestId: String(res.headers["x-request-id"]) }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

async function until(what: string, check: () => Promise<boolean>, tries = 300) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let pg: PrivatePostgres;
let nginx: ReturnType<typeof startNginx>;
let databaseUrl: string;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let apps: App[] = [];

const instanceEnv = (extra: Record<string, string | undefined>) => ({
  DATABASE_URL: databaseUrl,
  ATRIUM_TRUSTED_PROXIES: "127.0.0.1",
  ATRIUM_MAIL_POLL_SECONDS: "1",
  ...extra,
});
const startPair = (extra: Record<string, string | undefined>) =>
  Promise.all([APP_A, APP_B].map((port) => startApp({ port, appUrl: front, env: instanceEnv(extra) })));
const stopPair = () => Promise.all(apps.map((a) => a.kill("SIGTERM")));

test.beforeAll(async () => {
  pg = privatePostgres(bin!);
  databaseUrl = await freshDatabase(pg.url(), "cluster");
  sink = await startSmtpSink();
  nginx = startNginx();
});

// A failure is explained by what the instances logged.
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const [i, app] of apps.entries()) await testInfo.attach(`instance ${"AB"[i]} output`, { body: app.output(), contentType: "text/plain" });
  await testInfo.attach("nginx error log", { body: nginx.errorLog(), contentType: "text/plain" });
});

test.afterAll(async () => {
  await stopPair();
  await nginx?.stop();
  await sink?.close();
  pg?.destroy();
});

test("over SMTP: signed in through A, acting through B; invitations, revoked sessions and rate limits hold across both; every mail goes out exactly once", async ({ browser }) => {
  apps = await startPair({ SMTP_URL: sink.url });
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Sign in through A in a browser.
    const email = `${unique("olive")}@example.com`;
    await db`insert into users (name, email, email_verified_at, password_hash) values ('Olive Owner', ${email}, now(), ${await hash("a sturdy passphrase for e2e")})`;
    const context = await browser.newContext({ baseURL: viaA });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a sturdy passphrase for e2e");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/signin/, { timeout: 30_000 });
    const cookie = (await context.cookies(viaA)).map((c) => `${c.name}=${c.value}`).join("; ");

    // Act through B with that session; the request id nginx gave the request lands in the audit event.
    const slug = unique("cluster");
    const created = await call(`${viaB}/api/v1/orgs`, cookie, "POST", { name: "Cluster Org", slug });
    expect(created.status).toBe(201);
    const requestId = created.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    const [audit] = await db`select request_id from audit_events where action = 'org.created' and target_label = ${slug}`;
    expect(audit).toEqual({ request_id: requestId });

    // The client's address through nginx: a client at 127.0.0.3 forges X-Forwarded-For and X-Request-Id;
    // the audit event keeps the address nginx saw and nginx's id. The same forgery sent straight to B's
    // port from 127.0.0.2 (not the trusted proxy) is ignored as a whole.
    const forged = { "x-forwarded-for": "198.51.100.7", "x-request-id": "forged-by-the-client" };
    const [viaProxy, direct] = [unique("via-proxy"), unique("direct")];
    const proxied = await postFrom("127.0.0.3", `http://127.0.0.1:${FRONT}/api/v1/orgs`, cookie, { name: "Via Proxy", slug: viaProxy }, forged);
    const bypass = await postFrom("127.0.0.2", `http://127.0.0.1:${APP_B}/api/v1/orgs`, cookie, { name: "Direct", slug: direct }, forged);
    expect([proxied.status, bypass.status]).toEqual([201, 201]);
    expect(proxied.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(bypass.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const trail = await db`select target_label, ip, request_id from audit_events where action = 'org.created' and target_label in (${viaProxy}, ${direct}) order by target_label`;
    expect(trail).toEqual([
      { target_label: direct, ip: "127.0.0.2", request_id: bypass.requestId },
      { target_label: viaProxy, ip: "127.0.0.3", request_id: proxied.requestId },
    ]);
    expect((await call(`${viaB}/api/v1/me`, cookie)).json).toMatchObject({ email });

    // An invitation sent through A is accepted through B, from the link in the mail (built on APP_URL).
    const invitee = await insertSignedInUser(databaseUrl, "Ivy Invitee", `${unique("ivy")}@example.com`);
    const [{ email: inviteeEmail }] = await db`select email from users where id = ${invitee.id}`;
    expect((await call(`${viaA}/api/v1/orgs/${slug}/invitations`, cookie, "POST", { emails: [inviteeEmail], role: "member" })).status).toBe(201);
    await sink.waitFor((mails) => mails.some((m) => m.to.includes(inviteeEmail)));
    const link = sink.to(inviteeEmail)[0].decoded.match(/(http:\/\/[^\s/]+)\/invite\/([A-Za-z0-9_-]{43})/)!;
    expect(link[1]).toBe(front);
    expect((await call(`${viaB}/api/v1/invitations/${link[2]}/accept`, invitee.cookie, "POST")).status).toBe(200);
    expect((await call(`${viaB}/api/v1/orgs/${slug}/members?query=Ivy`, invitee.cookie)).json.items).toMatchObject([{ name: "Ivy Invitee", role: "member" }]);

    // A session signed out through A is refused through B on the next request.
    const other = await insertSignedInUser(databaseUrl, "Olive Again", `${unique("other")}@example.com`);
    const [{ id: otherSession }] = await db`select id from sessions where user_id = ${other.id}`;
    await db`update sessions set user_id = (select id from users where email = ${email}) where id = ${otherSession}`;
    expect((await call(`${viaB}/api/v1/me`, other.cookie)).status).toBe(200);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(0);
    expect((await call(`${viaB}/api/v1/me`, other.cookie)).status).toBe(401);

    // The daily limit (50 per organization) is shared: 24 more through A, 25 through B, then the 51st is refused.
    const batch = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}@example.com`);
    expect((await call(`${viaA}/api/v1/orgs/${slug}/invitations`, cookie, "POST", { emails: batch("a", 24), role: "viewer" })).status).toBe(201);
    expect((await call(`${viaB}/api/v1/orgs/${slug}/invitations`, cookie, "POST", { emails: batch("b", 25), role: "viewer" })).status).toBe(201);
    const refused = await call(`${front}/api/v1/orgs/${slug}/invitations`, cookie, "POST", { emails: ["one-too-many@example.com"], role: "viewer" });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");

    // Both instances deliver from the one outbox: each of the 50 mails arrives exactly once.
    await until("every mail to be sent", async () => (await db`select count(*)::int as n from mail_outbox where status <> 'sent'`)[0].n === 0);
    const [{ rows }] = await db`select count(*)::int as rows from mail_outbox`;
    const ids = sink.received.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
    expect(rows).toBe(50);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    await context.close();
  } finally {
    await db.end();
  }
});

test("with the dev inbox: the inbox and SSO sign-in work through the proxy", async ({ browser }) => {
  await stopPair();
  apps = await startPair({ ATRIUM_DEV_INBOX: "true" });
  const owner = await insertSignedInUser(databaseUrl, "Inbox Owner", `${unique("owner")}@example.com`);
  const slug = unique("inbox");
  expect((await call(`${front}/api/v1/orgs`, owner.cookie, "POST", { name: "Inbox Org", slug })).status).toBe(201);

  // The owner invites through the front; the dev inbox (any instance) shows the mail with its link.
  expect((await call(`${front}/api/v1/orgs/${slug}/invitations`, owner.cookie, "POST", { emails: ["dev-inbox@example.com"], role: "member" })).status).toBe(201);
  const inbox = await (await browser.newContext({ baseURL: front })).newPage();
  await inbox.goto("/dev/mail");
  await expect(inbox.locator("li", { hasText: "to dev-inbox@example.com" }).locator(`a[href^="${front}/invite/"]`)).toHaveCount(1);
  await inbox.context().close();

  // The organization's own identity provider, its domain proven in DNS, set up through the proxy.
  const domain = `${slug}.test`;
  const clientId = unique("cluster-client");
  const settings = await call(`${front}/api/v1/orgs/${slug}/auth-settings`, owner.cookie, "PUT", {
    providers: [],
    domains: [domain],
    openJoin: true,
    defaultRole: "viewer",
    requireSso: false,
    oidc: { issuer: IDP_URL, clientId, clientSecret: "e2e-client-secret", displayName: "Cluster Login" },
  });
  expect(settings.status).toBe(200);
  // The provider sends people back to the public origin (APP_URL), whichever instance started the sign-in.
  const { redirectUri } = settings.json.server;
  expect(redirectUri).toMatch(new RegExp(`^${front}/api/auth/callback/org-[0-9a-f-]{36}$`));
  const registered = await fetch(`${IDP_URL}/__test/clients`, { method: "POST", body: JSON.stringify({ clientId, clientSecret: "e2e-client-secret", redirectUri }) });
  expect(registered.status).toBe(204);
  const [claim] = settings.json.domainClaims;
  const published = await fetch(`${DNS_CONTROL_URL}/__test/txt`, { method: "POST", body: JSON.stringify({ name: claim.record.name, values: [claim.record.value] }) });
  expect(published.status).toBe(204);
  expect((await call(`${viaA}/api/v1/orgs/${slug}/domains/${domain}/check`, owner.cookie, "POST")).json).toMatchObject({ status: "verified" });

  // A newcomer starts SSO through A, signs in at the provider, comes back through the front, and is in.
  const context = await browser.newContext({ baseURL: viaA });
  const page = await context.newPage();
  await page.goto("/sso");
  await page.getByLabel("Work email or organization").fill(`nia@${domain}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP_URL}/interaction/`));
  await expect(page.getByLabel("Username")).toHaveValue(`nia@${domain}`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`^${front}/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Inbox Org" })).toBeVisible();

  // The session works on B: the API knows who this is, and the page B serves shows the member list.
  const cookie = (await context.cookies(viaB)).map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await call(`${viaB}/api/v1/me`, cookie)).json).toMatchObject({ email: `nia@${domain}` });
  expect((await call(`${viaB}/api/v1/orgs/${slug}/members?query=nia`, cookie)).json.items).toMatchObject([{ email: `nia@${domain}`, role: "viewer" }]);
  await page.goto(`${viaB}/${slug}/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await context.close();
});
