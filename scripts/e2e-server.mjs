// Starts the production build for the end-to-end suite on a database of its own:
// a fresh PostgreSQL database when DATABASE_URL is set, a fresh PGlite folder otherwise.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import postgres from "postgres";

const port = process.argv[2] ?? "3100";
const env = {
  ...process.env,
  NODE_ENV: "production",
  AUTH_SECRET: "e2e-secret-not-for-production",
  APP_URL: `http://localhost:${port}`,
  ATRIUM_DEV_INBOX: "true",
};
delete env.SMTP_URL;

if (process.env.DATABASE_URL) {
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists atrium_e2e with (force)");
  await admin.unsafe("create database atrium_e2e");
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/atrium_e2e";
  env.DATABASE_URL = url.toString();
} else {
  rmSync(".data/e2e", { recursive: true, force: true });
  env.PGLITE_DIR = ".data/e2e/pglite";
}

const server = spawn("npx", ["next", "start", "-p", port], { env, stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
