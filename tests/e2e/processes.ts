/**
 * Real processes for the fault and cluster specs: a private PostgreSQL cluster (initdb + pg_ctl from
 * /usr/lib/postgresql/<version>/bin on a port of its own, so restarting it never touches the
 * machine's server other tests use), `next start` instances of the production build, and a way to
 * write a signed-in owner straight into the database.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePorts } from "./servers";

export const E2E_AUTH_SECRET = "e2e-secret-not-for-production";
const SESSION_COOKIE = "atrium_session";

/** The newest PostgreSQL server binaries installed, or null (the specs that need them skip). */
export function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin/pg_ctl"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

const isRoot = process.getuid?.() === 0;

/** initdb and pg_ctl refuse to run as root: as root, they run as the postgres user. */
function asPostgres(bin: string, args: string[]) {
  const [command, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const out = spawnSync(command, argv, { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(" ")} failed: ${out.stderr || out.stdout}`);
}

export type PrivatePostgres = { port: number; url: (database?: string) => string; stop: () => void; start: () => void; destroy: () => void };

/** A throwaway PostgreSQL cluster on loopback (trust auth, fsync off), started. */
export function privatePostgres(bin: string, port = freePorts(1)[0]): PrivatePostgres {
  const dir = mkdtempSync(path.join(tmpdir(), "atrium-pg-"));
  if (isRoot) {
    const pw = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, "data");
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  const stop = () => asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  start();
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    destroy: () => {
      try {
        asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on a PostgreSQL server; returns its URL. */
export async function freshDatabase(serverUrl: string, name: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type App = {
  port: number;
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string | null>;
  kill: (signal?: NodeJS.Signals) => Promise<number | string | null>;
};

/** Starts `next start` of the current build (production mode) and waits until /api/ready says so (its database migrated). */
export async function startApp(options: { port?: number; env: Record<string, string | undefined>; appUrl?: string }): Promise<App> {
  const port = options.port ?? freePorts(1)[0];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AUTH_SECRET: E2E_AUTH_SECRET,
    APP_URL: options.appUrl ?? `http://localhost:${port}`,
    ATRIUM_ALLOW_INSECURE_ISSUERS: "true",
    SMTP_URL: undefined,
    ATRIUM_DEV_INBOX: undefined,
    PGLITE_DIR: undefined,
    DATABASE_URL: undefined,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | string | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  const url = `http://localhost:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`next start exited before answering:\n${output}`);
    if (i > 1200) throw new Error(`next start did not answer on ${url}:\n${output}`);
    const ok = await fetch(`${url}/api/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url,
    process: child,
    output: () => output,
    exited,
    kill: (signal = "SIGTERM") => {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A verified person with a live session, written as the app writes them (only the keyed hash of
 * the cookie is stored, under the suite's AUTH_SECRET). Returns the Cookie header.
 */
export async function insertSignedInUser(databaseUrl: string, name: string, email: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql`insert into users (name, email, email_verified_at) values (${name}, ${email}, now()) returning id`;
    const token = randomBytes(32).toString("base64url");
    const hash = createHmac("sha256", E2E_AUTH_SECRET).update(token).digest("base64url");
    await sql`insert into sessions (token_hash, user_id, expires_at, user_agent) values (${hash}, ${user.id}, now() + interval '1 day', 'e2e')`;
    return { id: user.id as string, cookie: `${SESSION_COOKIE}=${token}` };
  } finally {
    await sql.end();
  }
}

/** JSON over HTTP with a cookie, as a script would call the API. */
export async function call(url: string, cookie: string, method = "GET", body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json: json as any, headers: res.headers };
}

export const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;
