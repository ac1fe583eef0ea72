/**
 * `npm run bench` (DESIGN §10): seeds PostgreSQL in bulk, starts the production build and measures
 * routes under load with autocannon, each against the framework ceiling (/api/health) of the same run.
 *
 * Runs `next build` first, then measures the production server.
 * The database BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/atrium_bench) is dropped
 * and recreated at the start of every run and left in place afterwards for inspection.
 *
 * Besides the routes under load, scenarios may ask for one-off timings (a request timed end to end,
 * e.g. inviting 50 addresses; the SSO sign-in round trip in a real browser through the test identity
 * provider) and for EXPLAIN ANALYZE of the statements behind a route, printed after the table.
 * Before the load, a first server runs through a counting proxy (bench-query-counter.ts) to count
 * the statements one request of each route sends to PostgreSQL (the table's "queries").
 *
 * Environment: BENCH_SECONDS (10) per route, BENCH_WARMUP_SECONDS (2, not counted), BENCH_CONNECTIONS (10),
 * BENCH_PORT (3210), BENCH_AUTH_SECRET, BENCH_ONLY (comma-separated substrings of route names or
 * paths: measure only those, besides the ceiling; also filters timings and plans), BENCH_STRICT=1 (exit 1
 * when a route or timing misses its aim), BENCH_FULL_PLANS=1 (print whole plans, not the summary),
 * BENCH_SSO_RUNS (20) timed SSO sign-ins.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Request } from "@playwright/test";
import postgres from "postgres";
import type { TestIdp } from "../tests/support/oidc-idp";
import { startQueryCounter, type QueryCounter } from "./bench-query-counter";
import {
  DEFAULT_BENCH_AUTH_SECRET,
  DEFAULT_BENCH_DATABASE_URL,
  recreateDatabase,
  seedBench,
  type BenchExplain,
  type BenchSsoLogin,
  type BenchTarget,
  type BenchTiming,
} from "./bench-seed";

// autocannon ships no types: the part of its API used here.
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const ORIGIN = `http://localhost:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
const AUTH_SECRET = process.env.BENCH_AUTH_SECRET ?? DEFAULT_BENCH_AUTH_SECRET;
const ONLY = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const CEILING: BenchTarget = { name: "GET /api/health (ceiling)", path: "/api/health", aim: 1, authenticated: false };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class BenchError extends Error {}

// ---- Build ------------------------------------------------------------------------------------------

/** Always builds: a benchmark of a stale build measures code that no longer exists. */
function build() {
  console.log("Building (next build)…");
  const result = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new BenchError("`next build` failed; fix the build and run the benchmark again.");
}

// ---- Server -----------------------------------------------------------------------------------------

let server: ChildProcess | undefined;
const serverOutput: string[] = [];

async function answers(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

async function startServer(extraEnv: Record<string, string>, databaseUrl = DATABASE_URL) {
  if (await answers(`${ORIGIN}/api/health`)) {
    throw new BenchError(`Something already answers on port ${PORT}; stop it or set BENCH_PORT.`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, NODE_ENV: "production", DATABASE_URL: databaseUrl, AUTH_SECRET, APP_URL: ORIGIN, PORT: String(PORT) };
  delete env.PGLITE_DIR;
  // Its own process group, so stopping it also stops anything it spawned.
  server = spawn(NEXT_BIN, ["start", "-p", String(PORT)], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    serverOutput.push(...chunk.toString().split("\n").filter(Boolean));
    serverOutput.splice(0, Math.max(0, serverOutput.length - 60));
  };
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new BenchError(`next start exited (${server.exitCode ?? server.signalCode}) before answering:\n${serverOutput.join("\n")}`);
    }
    try {
      const res = await fetch(`${ORIGIN}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new BenchError(`next start did not answer /api/health within 60 s:\n${serverOutput.join("\n")}`);
}

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server…`);
    void stopServer().finally(() => process.exit(130));
  });
}

// ---- Queries per request -----------------------------------------------------------------------------

const COUNT_RUNS = 3;

/**
 * The statements one request of `target` sends to PostgreSQL, on a server whose database connection
 * goes through `counter`: the least over a few runs after a warm-up request, so one-off work (the
 * migration check of the first request, a session's last-use update, the mail outbox) is left out.
 */
async function countQueries(target: BenchTarget, cookie: string, counter: QueryCounter) {
  const headers = headersOf(target, cookie);
  await assertOk(target, headers);
  let least = Infinity;
  for (let run = 0; run < COUNT_RUNS; run++) {
    const before = counter.statements();
    const res = await fetch(`${ORIGIN}${target.path}`, { headers, redirect: "manual" });
    await res.arrayBuffer();
    least = Math.min(least, counter.statements() - before);
  }
  return least;
}

// ---- Measuring --------------------------------------------------------------------------------------

type Row = { target: BenchTarget; result: AutocannonResult };

async function assertOk(target: BenchTarget, headers: Record<string, string>) {
  const res = await fetch(`${ORIGIN}${target.path}`, { headers, redirect: "manual" });
  if (res.status === 200) return;
  const location = res.headers.get("location");
  const body = (await res.text()).replace(/\s+/g, " ").slice(0, 300);
  const hint =
    location?.includes("/signin") ? " — a redirect to sign-in: the session cookie did not resolve (AUTH_SECRET mismatch or missing session row?)" :
    "";
  const log = res.status >= 500 ? `\n  server output (last lines):\n${serverOutput.slice(-20).join("\n")}` : "";
  throw new BenchError(`${target.name}: GET ${target.path} answered ${res.status}${location ? ` → ${location}` : ""}${hint}\n  ${body}${log}`);
}

const headersOf = (target: BenchTarget, cookie: string): Record<string, string> => (target.authenticated ? { cookie: target.cookie ?? cookie } : {});

async function measure(target: BenchTarget, cookie: string): Promise<Row> {
  const headers = headersOf(target, cookie);
  await assertOk(target, headers);
  const url = `${ORIGIN}${target.path}`;
  if (WARMUP_SECONDS > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new BenchError(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load.\n${serverOutput.slice(-20).join("\n")}`);
  }
  console.log(`  ${target.name}: ${Math.round(result.requests.average)} req/s`);
  return { target, result };
}

function printTable(rows: Row[], queries: Map<BenchTarget, number>) {
  const ceiling = rows[0].result.requests.average;
  const table = rows.map(({ target, result }, i) => {
    const ratio = result.requests.average / ceiling;
    const verdict = i === 0 ? "" : ratio >= target.aim ? "ok" : "BELOW AIM";
    return [
      target.name,
      String(queries.get(target) ?? "?"),
      Math.round(result.requests.average).toLocaleString("en-US"),
      result.latency.p50.toFixed(0),
      result.latency.p99.toFixed(0),
      ratio.toFixed(2),
      i === 0 ? "—" : `≥ ${target.aim.toFixed(1)}`,
      verdict,
    ];
  });
  const header = ["route", "queries", "requests/s", "p50 ms", "p99 ms", "ratio", "aim", ""];
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of table) console.log(line(row));
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per route (after ${WARMUP_SECONDS} s warm-up), ratio = requests/s ÷ ceiling requests/s.`);
  console.log("queries = statements one request sends to PostgreSQL (counted before the load, through a proxy).");
  printBaselines(rows, queries);
  return rows.slice(1).filter(({ target, result }) => result.requests.average / ceiling < target.aim).length;
}

/** Each target that names a baseline, read against it: what the one difference between them costs. */
function printBaselines(rows: Row[], queries: Map<BenchTarget, number>) {
  const pairs = rows.flatMap((row) => {
    const base = rows.find((r) => r.target.name === row.target.baseline);
    return base ? [{ row, base }] : [];
  });
  if (!pairs.length) return;
  console.log("\nAgainst a baseline (the same route; the names say the one difference):");
  for (const { row, base } of pairs) {
    const rps = (r: Row) => Math.round(r.result.requests.average).toLocaleString("en-US");
    const ratio = row.result.requests.average / base.result.requests.average;
    console.log(`  ${row.target.name}: ${queries.get(row.target) ?? "?"} queries vs ${queries.get(base.target) ?? "?"}, ${rps(row)} vs ${rps(base)} requests/s (${ratio.toFixed(2)}×)`);
  }
}

// ---- One-off timings ----------------------------------------------------------------------------------

/** Times each run of a request end to end, after the load tests (so background work cannot skew them). */
async function time(timing: BenchTiming, cookie: string) {
  const runs: number[] = [];
  for (let run = 0; run < timing.runs; run++) {
    const started = performance.now();
    const res = await fetch(`${ORIGIN}${timing.path}`, {
      method: timing.method,
      headers: { ...(timing.bearer ? { authorization: `Bearer ${timing.bearer}` } : { cookie }), "content-type": "application/json" },
      body: JSON.stringify(timing.body(run)),
    });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== timing.expectStatus) {
      throw new BenchError(`${timing.name}: ${timing.method} ${timing.path} answered ${res.status}, expected ${timing.expectStatus}\n  ${body.slice(0, 300)}`);
    }
    runs.push(ms);
  }
  const median = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return { timing, runs, median, ok: median < timing.aimMs };
}

// ---- SSO sign-in round trip ------------------------------------------------------------------------------

const IDP_CLIENT = { clientId: "atrium-bench", clientSecret: "bench-client-secret", displayName: "Bench IdP" };
const CHROMIUM = { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] };

/** Nearest rank: the smallest value with at least fraction `p` of the values at or below it. */
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * values.length) - 1)];

/** Sets the organization's provider up as its owner would, through the API: the test IdP, open join for its domain. */
async function setUpOrgProvider(login: BenchSsoLogin, cookie: string, idp: TestIdp) {
  const url = `${ORIGIN}/api/v1/orgs/${login.orgSlug}/auth-settings`;
  const current = await fetch(url, { headers: { cookie } });
  if (!current.ok) throw new BenchError(`GET ${url} answered ${current.status}: ${(await current.text()).slice(0, 300)}`);
  const { server } = (await current.json()) as { server: { redirectUri: string } };
  idp.addClient({ clientId: IDP_CLIENT.clientId, clientSecret: IDP_CLIENT.clientSecret, redirectUri: server.redirectUri });
  const settings = {
    providers: [],
    domains: [login.domain],
    openJoin: true,
    defaultRole: "member",
    requireSso: false,
    oidc: { issuer: idp.issuer, clientId: IDP_CLIENT.clientId, clientSecret: IDP_CLIENT.clientSecret, displayName: IDP_CLIENT.displayName, emailClaim: "email", groupsClaim: null },
  };
  const res = await fetch(url, { method: "PUT", headers: { cookie, origin: ORIGIN, "content-type": "application/json" }, body: JSON.stringify(settings) });
  if (!res.ok) throw new BenchError(`PUT ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}\n${serverOutput.slice(-20).join("\n")}`);
  // A claimed domain waits for its DNS TXT proof; the bench has no DNS server, so it marks the proof
  // found, and just checked (the background re-check would otherwise look again and drop it).
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await sql`update org_domains set verified_at = now(), last_checked_at = now() where domain = ${login.domain} and org_id = (select id from organizations where slug = ${login.orgSlug})`;
  } finally {
    await sql.end();
  }
}

/**
 * One sign-in in a fresh browser context: /sso?org=…, "Continue with …", the provider's login page,
 * back through the callback to the organization's page. Returns the time from the click on
 * "Continue" to the organization's page loaded, and the callback request's time to first byte
 * (the server's work: code exchange, ID token check, account, membership and session).
 */
async function signInOnce(browser: Browser, login: BenchSsoLogin, email: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let callback: Request | undefined;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/auth/callback/")) callback = request;
    });
    await page.goto(`${ORIGIN}/sso?org=${login.orgSlug}`);
    const started = performance.now();
    await page.getByRole("button", { name: `Continue with ${IDP_CLIENT.displayName}` }).click();
    await page.getByLabel("Username").fill(email);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === `/${login.orgSlug}` || url.pathname === "/sso" || url.pathname.startsWith("/sso/"));
    const totalMs = performance.now() - started;
    if (new URL(page.url()).pathname !== `/${login.orgSlug}`) {
      throw new BenchError(`${login.name}: ${email} ended at ${page.url()}, not the organization's page.\n${serverOutput.slice(-20).join("\n")}`);
    }
    const timing = callback?.timing();
    const serverMs = timing && timing.responseStart >= 0 ? timing.responseStart - timing.requestStart : NaN;
    return { totalMs, serverMs };
  } finally {
    await context.close();
  }
}

async function timeSsoLogin(login: BenchSsoLogin, cookie: string) {
  // Loaded only here: oidc-provider prints a warning about the Node version when it is imported.
  const { startIdp } = await import("../tests/support/oidc-idp");
  const idp = await startIdp({ port: 0 });
  const browser = await chromium.launch(CHROMIUM);
  try {
    await setUpOrgProvider(login, cookie, idp);
    const runs = Number(process.env.BENCH_SSO_RUNS ?? login.runs);
    for (let run = 1; run <= login.warmupRuns; run++) await signInOnce(browser, login, `warmup${run}@${login.domain}`);
    const results = [];
    for (let run = 1; run <= runs; run++) results.push(await signInOnce(browser, login, `user${run}@${login.domain}`));
    const total = results.map((r) => r.totalMs);
    const server = results.map((r) => r.serverMs);
    return { login, total, server, ok: percentile(total, 0.5) < login.aimMs };
  } finally {
    await browser.close();
    await idp.close();
  }
}

function printTimings(results: Awaited<ReturnType<typeof time>>[], sso?: Awaited<ReturnType<typeof timeSsoLogin>>) {
  if (!results.length && !sso) return 0;
  console.log("\nOne-off timings (each run with new data; the first run is the first such request of the server):");
  for (const { timing, runs, median, ok } of results) {
    const rate = timing.items ? ` (${Math.round((timing.items * 1000) / median).toLocaleString("en-US")}/s)` : "";
    console.log(`  ${timing.name}: ${runs.map((ms) => `${ms.toFixed(0)} ms`).join(", ")} — median ${median.toFixed(0)} ms${rate}, aim < ${timing.aimMs} ms ${ok ? "ok" : "ABOVE AIM"}`);
  }
  if (sso) {
    const list = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(", ");
    const stats = (values: number[]) => `median ${percentile(values, 0.5).toFixed(0)} ms, p95 ${percentile(values, 0.95).toFixed(0)} ms`;
    console.log(`  ${sso.login.name}, ${sso.total.length} runs after ${sso.login.warmupRuns} not counted, each a new person in a new browser context:`);
    console.log(`    click on "Continue" → organization page loaded: ${list(sso.total)} ms — ${stats(sso.total)}, aim median < ${sso.login.aimMs} ms ${sso.ok ? "ok" : "ABOVE AIM"}`);
    console.log(`    callback request, server (time to first byte): ${list(sso.server)} ms — ${stats(sso.server)}`);
  }
  return results.filter((r) => !r.ok).length + (sso && !sso.ok ? 1 : 0);
}

// ---- Plans ------------------------------------------------------------------------------------------

type Plan = { explain: BenchExplain; lines: string[] };

/** EXPLAIN (ANALYZE, BUFFERS) of each statement, run once on the seeded database. */
async function explainAll(explains: BenchExplain[]): Promise<Plan[]> {
  if (!explains.length) return [];
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const plans: Plan[] = [];
    for (const explain of explains) {
      await sql.unsafe(explain.sql, explain.params as postgres.ParameterOrJSON<never>[]); // warm the cache: measure the steady state
      const rows = await sql.unsafe(`explain (analyze, buffers) ${explain.sql}`, explain.params as postgres.ParameterOrJSON<never>[]);
      plans.push({ explain, lines: rows.map((r) => r["QUERY PLAN"] as string) });
    }
    return plans;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The copied statement must return what the route returns, or its plan says nothing about the route. */
async function checkCopies(explains: BenchExplain[], cookie: string) {
  const withApi = explains.filter((e) => e.apiPath);
  if (!withApi.length) return;
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    for (const explain of withApi) {
      const rows = await sql.unsafe(explain.sql, explain.params as postgres.ParameterOrJSON<never>[]);
      const expected = rows.slice(0, explain.limit ?? rows.length).map((r) => String(r.id));
      const res = await fetch(`${ORIGIN}${explain.apiPath}`, { headers: { cookie } });
      if (!res.ok) {
        console.log(`  WARNING: GET ${explain.apiPath} answered ${res.status}; cannot compare it with the statement explained as "${explain.name}".`);
        continue;
      }
      const page = (await res.json()) as { items?: { id: string }[] };
      const actual = (page.items ?? []).map((i) => i.id);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        console.log(`  WARNING: the statement explained as "${explain.name}" returns other rows than GET ${explain.apiPath}; the service's query changed — update it in bench-seed.ts.`);
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Plan summary: the top node, every scan and sort node (where index use shows), the execution time. */
function printPlans(plans: Plan[]) {
  if (!plans.length) return;
  console.log("\nPlans (EXPLAIN ANALYZE, once, after a warm-up execution):");
  const node = (line: string) => line.replace(/^\s*(->\s*)?/, "").replace(/\s+\(cost=[^)]*\)/, "");
  for (const { explain, lines } of plans) {
    console.log(`\n  ${explain.name}`);
    if (process.env.BENCH_FULL_PLANS === "1") {
      for (const line of lines) console.log(`    ${line}`);
      continue;
    }
    const interesting = lines.filter((line, i) => i === 0 || /Scan|Sort|Join|Nested Loop|Index Cond|Filter:|Rows Removed|Execution Time|Planning Time/.test(line));
    for (const line of interesting) console.log(`    ${/Cond|Filter:|Rows Removed|Time:/.test(line) ? line.trim() : node(line)}`);
  }
}

// ---- Main -------------------------------------------------------------------------------------------

async function main() {
  build();

  console.log(`Recreating ${new URL(DATABASE_URL).pathname.slice(1)} and seeding…`);
  await recreateDatabase(DATABASE_URL);
  const fixture = await seedBench({ databaseUrl: DATABASE_URL, authSecret: AUTH_SECRET });
  console.log(`  ${Object.entries(fixture.counts).map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`).join(", ")}`);

  const selected = (name: string, ...paths: (string | undefined)[]) => !ONLY || ONLY.some((o) => name.includes(o) || paths.some((p) => p?.includes(o)));
  // A selected target brings its baseline along: it is read against it.
  const wanted = (t: BenchTarget) => selected(t.name, t.path);
  const targets = fixture.targets.filter((t) => wanted(t) || fixture.targets.some((o) => o.baseline === t.name && wanted(o)));
  const timings = fixture.timings.filter((t) => selected(t.name, t.path));
  const explains = fixture.explains.filter((e) => selected(e.name, e.apiPath));
  const ssoLogin = fixture.ssoLogin && selected(fixture.ssoLogin.name, "/sso") ? fixture.ssoLogin : undefined;

  const plans = await explainAll(explains);

  console.log(`Counting queries per request (next start on port ${PORT}, through a counting proxy)…`);
  const counter = await startQueryCounter(DATABASE_URL);
  const queries = new Map<BenchTarget, number>();
  try {
    await startServer(fixture.serverEnv, counter.url);
    for (const target of [CEILING, ...targets]) queries.set(target, await countQueries(target, fixture.cookie, counter));
  } finally {
    await stopServer();
    await counter.close();
  }

  console.log(`Starting next start on port ${PORT}…`);
  await startServer(fixture.serverEnv);

  const rows: Row[] = [];
  rows.push(await measure(CEILING, fixture.cookie));
  for (const target of targets) rows.push(await measure(target, fixture.cookie));
  await checkCopies(explains, fixture.cookie);
  // Last: timed writes leave mail to deliver in the background, which must not share the load tests.
  const timed = [];
  for (const timing of timings) timed.push(await time(timing, fixture.cookie));
  if (ssoLogin) console.log("Timing the SSO sign-in in Chromium…");
  const sso = ssoLogin ? await timeSsoLogin(ssoLogin, fixture.cookie) : undefined;

  const missed = printTable(rows, queries) + printTimings(timed, sso);
  printPlans(plans);
  if (missed && process.env.BENCH_STRICT === "1") process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error instanceof BenchError ? `\nBench failed: ${error.message}` : error);
    process.exitCode = 1;
  })
  .finally(() => stopServer());
