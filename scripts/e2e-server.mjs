// Starts the production build for the end-to-end suite on a database of its own:
// a fresh PostgreSQL database when DATABASE_URL is set, a fresh PGlite folder otherwise.
//
//   node scripts/e2e-server.mjs <port> [--name e2e] [--smtp smtp://127.0.0.1:2525]
//
// --name and the port pick the database (atrium_<name with _>_<port>, e.g. atrium_e2e_smtp_3101) or the
// PGlite folder (.data/<name>-<port>), so several servers of one run, and runs on other ports beside it,
// never share data (STACK.md, trap 4).
// Without --smtp, mail goes to the dev inbox (/dev/mail); with it, mail is really sent over SMTP
// and there is no dev inbox.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string", default: "e2e" }, smtp: { type: "string" } },
});
const port = positionals[0] ?? "3100";
const name = values.name;
if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`Unexpected server name "${name}".`);

const env = {
  ...process.env,
  NODE_ENV: "production",
  AUTH_SECRET: "e2e-secret-not-for-production",
  // STACK.md trap 9: links and origins use localhost, never 127.0.0.1.
  APP_URL: `http://localhost:${port}`,
  // The suite's identity provider is plain HTTP on loopback.
  ATRIUM_ALLOW_INSECURE_ISSUERS: "true",
};
delete env.SMTP_URL;
delete env.ATRIUM_DEV_INBOX;
if (values.smtp) env.SMTP_URL = values.smtp;
else env.ATRIUM_DEV_INBOX = "true";

if (process.env.DATABASE_URL) {
  const database = `atrium_${name.replace(/-/g, "_")}_${port}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.unsafe(`create database ${database}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${database}`;
  env.DATABASE_URL = url.toString();
  delete env.PGLITE_DIR;
} else {
  rmSync(`.data/${name}-${port}`, { recursive: true, force: true });
  env.PGLITE_DIR = `.data/${name}-${port}/pglite`;
}

const server = spawn("npx", ["next", "start", "-p", port], { env, stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
// Free ports differ from run to run: drop this run's database once the server is gone.
server.on("exit", async (code) => {
  if (process.env.DATABASE_URL) {
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${new URL(env.DATABASE_URL).pathname.slice(1)} with (force)`).catch(() => {});
    await admin.end();
  }
  process.exit(code ?? 0);
});
