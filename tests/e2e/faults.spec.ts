/**
 * Faults with real processes on loopback (issue 13 item 2): a hung mail server, kill -9 of the
 * server during bulk invitations, PostgreSQL restarted under use, and SIGTERM with a request in
 * flight. Each runs the production build against a private PostgreSQL cluster started here
 * (tests/e2e/processes.ts), never the machine's server. The tests assert behaviour; the figures
 * they measure are printed as `faults: {...}` lines (`npm run faults` shows them).
 */
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startSmtpSink } from "../support/smtp";
import { call, freshDatabase, insertSignedInUser, postgresBin, privatePostgres, startApp, unique, type App, type PrivatePostgres } from "./processes";
import { freePorts } from "./servers";

const bin = postgresBin();
test.skip(!bin, "needs PostgreSQL server binaries (/usr/lib/postgresql/*/bin) for a private cluster");
test.describe.configure({ mode: "serial", timeout: 180_000 });

let pg: PrivatePostgres;
test.beforeAll(() => {
  pg = privatePostgres(bin!);
});
test.afterAll(() => pg?.destroy());

const figures = (name: string, values: Record<string, unknown>) => console.log(`faults: ${JSON.stringify({ scenario: name, ...values })}`);

/** Options every app of these specs runs with: quick retries, short leases, frequent polling. */
const FAST_MAIL = { ATRIUM_MAIL_RETRY_SECONDS: "1", ATRIUM_MAIL_LEASE_SECONDS: "3", ATRIUM_MAIL_POLL_SECONDS: "1", ATRIUM_INVITATIONS_PER_DAY: "10000" };

async function ownerWithOrg(app: App, databaseUrl: string) {
  const owner = await insertSignedInUser(databaseUrl, "Fault Owner", `${unique("owner")}@example.com`);
  const slug = unique("faults");
  expect((await call(`${app.url}/api/v1/orgs`, owner.cookie, "POST", { name: "Faults", slug })).status).toBe(201);
  return { ...owner, slug };
}

async function until(what: string, check: () => Promise<boolean>, tries = 600) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A TCP server that accepts connections and never says a word: a hung mail server. */
async function blackHole(port: number) {
  const { createServer } = await import("node:net");
  const sockets: import("node:net").Socket[] = [];
  const server = createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    connections: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test("SMTP that never greets: invitations and other requests answer, no connection idles in a transaction, and every mail arrives once a real server is back", async () => {
  const databaseUrl = await freshDatabase(pg.url(), "faults_smtp");
  const [smtpPort] = freePorts(1);
  const hole = await blackHole(smtpPort);
  // The hung greeting outlasts the burst, so delivery is stuck the whole time we look.
  const app = await startApp({ env: { ...FAST_MAIL, DATABASE_URL: databaseUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?greetingTimeout=60000` } });
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  try {
    const owner = await ownerWithOrg(app, databaseUrl);
    const started = Date.now();
    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, i) => call(`${app.url}/api/v1/orgs/${owner.slug}/invitations`, owner.cookie, "POST", { emails: [`hung-${i}@example.com`], role: "member" })),
    );
    const burstMs = Date.now() - started;
    expect(burst.map((r) => r.status)).toEqual(Array(15).fill(201));
    await until("the app to be talking to the hung server", async () => hole.connections() > 0);

    const idle = await db`select pid, state, query from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`;
    expect(idle).toEqual([]);
    const meStarted = Date.now();
    expect((await call(`${app.url}/api/v1/me`, owner.cookie)).status).toBe(200);
    const meMs = Date.now() - meStarted;
    const [{ sending }] = await db`select count(*)::int as sending from mail_outbox where status = 'sending'`;
    expect(sending).toBeGreaterThan(0);

    // A real mail server comes back on the same address.
    await hole.close();
    sink = await startSmtpSink(smtpPort);
    const recovered = Date.now();
    await until("every queued mail to arrive", async () => {
      const [{ left }] = await db`select count(*)::int as left from mail_outbox where status <> 'sent'`;
      return left === 0;
    });
    const deliveredMs = Date.now() - recovered;
    const ids = sink.received.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
    const [{ rows }] = await db`select count(*)::int as rows from mail_outbox`;
    expect(new Set(ids).size).toBe(rows);
    for (let i = 0; i < 15; i++) expect(sink.to(`hung-${i}@example.com`).length).toBeGreaterThan(0);
    figures("smtp-hung", { invitations: 15, burstMs, meWhileHungMs: meMs, idleInTransaction: idle.length, deliveredAfterBackMs: deliveredMs, mails: rows, duplicates: ids.length - new Set(ids).size });
  } finally {
    await db.end();
    await app.kill("SIGKILL");
    await hole.close().catch(() => {});
    await sink?.close();
  }
});

test("kill -9 during 50-address invitations, at several delays: all or nothing each time, and the restarted server delivers what was queued", async () => {
  const databaseUrl = await freshDatabase(pg.url(), "faults_kill");
  const sink = await startSmtpSink();
  const env = { ...FAST_MAIL, DATABASE_URL: databaseUrl, SMTP_URL: sink.url };
  const [port] = freePorts(1);
  let app = await startApp({ port, env });
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const outcomes: { delayMs: number; committed: boolean }[] = [];
  try {
    const owner = await ownerWithOrg(app, databaseUrl);
    const invite = (round: number) =>
      call(`${app.url}/api/v1/orgs/${owner.slug}/invitations`, owner.cookie, "POST", { emails: Array.from({ length: 50 }, (_, i) => `kill${round}-${i}@example.com`), role: "viewer" });
    // One uninterrupted round sets the scale of the delays (and queues mail that a kill may cut off mid-delivery).
    const started = Date.now();
    expect((await invite(0)).status).toBe(201);
    const fullMs = Date.now() - started;
    for (const [index, fraction] of [0.1, 0.3, 0.5, 0.7, 0.9, 1.3].entries()) {
      const round = index + 1;
      const delayMs = Math.round(fullMs * fraction);
      const request = invite(round).catch(() => null);
      await new Promise((r) => setTimeout(r, delayMs));
      await app.kill("SIGKILL");
      await request;

      const pattern = `kill${round}-%`;
      const [{ invitations }] = await db`select count(*)::int as invitations from invitations where email like ${pattern}`;
      const [{ mails }] = await db`select count(*)::int as mails from mail_outbox where "to" like ${pattern}`;
      const [{ audits }] = await db`select count(*)::int as audits from audit_events where action = 'invitation.created' and target_label like ${pattern}`;
      expect([0, 50]).toContain(invitations);
      expect({ mails, audits }).toEqual({ mails: invitations, audits: invitations });
      outcomes.push({ delayMs, committed: invitations === 50 });
      app = await startApp({ port, env });
    }

    // The restarted server delivers every queued mail (a mail cut off mid-send may arrive twice,
    // recognisable by its Message-ID).
    const restarted = Date.now();
    await until("the queued mail to be delivered", async () => {
      const [{ left }] = await db`select count(*)::int as left from mail_outbox where status <> 'sent'`;
      return left === 0;
    });
    const ids = sink.received.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
    const [{ rows }] = await db`select count(*)::int as rows from mail_outbox`;
    expect(new Set(ids).size).toBe(rows);
    figures("kill-9", { uninterruptedMs: fullMs, rounds: outcomes, deliveredAfterRestartMs: Date.now() - restarted, mails: rows, received: ids.length, duplicates: ids.length - new Set(ids).size });
  } finally {
    await db.end();
    await app.kill("SIGKILL");
    await sink.close();
  }
});

test("PostgreSQL restarted while requests run: the app answers again without a restart, and says it is not ready meanwhile", async () => {
  const databaseUrl = await freshDatabase(pg.url(), "faults_restart");
  const app = await startApp({ env: { DATABASE_URL: databaseUrl, ATRIUM_DEV_INBOX: "true" } });
  try {
    const owner = await ownerWithOrg(app, databaseUrl);
    expect((await call(`${app.url}/api/ready`, "")).json).toEqual({ ready: true });
    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (running) statuses.push(await call(`${app.url}/api/v1/me`, owner.cookie).then((r) => r.status, () => 0));
    })();

    pg.stop();
    const down = await call(`${app.url}/api/ready`, "");
    expect(down.status).toBe(503);
    expect(down.json.reason).toMatch(/database unreachable/);
    const meDown = await call(`${app.url}/api/v1/me`, owner.cookie);
    expect(meDown.status).toBeGreaterThanOrEqual(500);
    pg.start();
    const back = Date.now();
    let firstOk = 0;
    await until("a request to succeed again", async () => {
      const ok = (await call(`${app.url}/api/v1/me`, owner.cookie)).status === 200;
      if (ok) firstOk = Date.now();
      return ok;
    });
    running = false;
    await load;
    expect((await call(`${app.url}/api/ready`, "")).json).toEqual({ ready: true });
    expect(app.process.exitCode).toBeNull();
    figures("postgres-restart", { requests: statuses.length, failedWhileDown: statuses.filter((s) => s !== 200).length, recoveryMs: firstOk - back });
  } finally {
    await app.kill("SIGKILL");
  }
});

test("SIGTERM: a request in flight finishes, new connections are refused, the pool is closed, then the process exits", async () => {
  const databaseUrl = await freshDatabase(pg.url(), "faults_sigterm");
  const app = await startApp({ env: { DATABASE_URL: databaseUrl, ATRIUM_DEV_INBOX: "true" } });
  const owner = await ownerWithOrg(app, databaseUrl);
  const body = JSON.stringify({ name: "Late Org", slug: unique("late") });

  // Headers and half the body now; the rest after SIGTERM.
  const socket = connect(app.port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let response = "";
  socket.on("data", (c) => (response += c));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.write(
    `POST /api/v1/orgs HTTP/1.1\r\nHost: localhost:${app.port}\r\nCookie: ${owner.cookie}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
  );
  // The request has reached the app (the proxy saw it) before the signal.
  await new Promise((r) => setTimeout(r, 300));
  app.process.kill("SIGTERM");
  await until("the server to stop listening", async () => !(await fetch(`${app.url}/api/health`).then(() => true, () => false)));
  socket.write(body.slice(10));
  await closed;
  expect(response).toMatch(/^HTTP\/1\.1 201/);
  expect(await app.exited).toBe(143);
  expect(app.output()).toContain('"event":"server.stopping"');
  expect(app.output()).toContain('"event":"server.stopped"');
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [{ n }] = await db`select count(*)::int as n from organizations where name = 'Late Org'`;
  await db.end();
  expect(n).toBe(1);
});
