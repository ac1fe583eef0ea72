import { defineConfig } from "@playwright/test";
import { DEV_INBOX_PORT, IDP_PORT, IDP_URL, SMTP_APP_PORT, SMTP_SINK_HTTP_PORT, SMTP_SINK_PORT, SMTP_SINK_URL } from "./tests/e2e/servers";

/** Specs that read mail from the SMTP sink; every other spec runs against the dev-inbox server. */
const SMTP_SPECS = ["**/members.spec.ts"];
/** Specs that start their own processes (private PostgreSQL, app instances, nginx): `npm run faults` runs them alone. */
const PROCESS_SPECS = ["**/faults.spec.ts", "**/cluster.spec.ts"];

const server = (command: string, url: string) => ({
  command,
  url,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
});

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker per project's server: the dev-inbox specs and the SMTP specs run side by side.
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browsers here (STACK.md, trap 15).
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // "smtp" first: its spec is the longest, so it starts at once on one worker while the other takes the rest.
  projects: [
    // Mail really goes out over SMTP to the sink; there is no dev inbox.
    { name: "smtp", testMatch: SMTP_SPECS, use: { baseURL: `http://localhost:${SMTP_APP_PORT}` } },
    // Mail lands in the app's dev inbox (/dev/mail); no SMTP_URL.
    { name: "dev-inbox", testIgnore: [...SMTP_SPECS, ...PROCESS_SPECS], use: { baseURL: `http://localhost:${DEV_INBOX_PORT}` } },
    { name: "processes", testMatch: PROCESS_SPECS },
  ],
  // Both app servers run the same build (`next build` in `npm run test:e2e`), each on its own database.
  webServer: [
    server(`node tests/e2e/smtp-sink.mjs ${SMTP_SINK_PORT} ${SMTP_SINK_HTTP_PORT}`, `${SMTP_SINK_URL}/health`),
    server(`npx tsx tests/e2e/idp-server.ts ${IDP_PORT}`, `${IDP_URL}/__test/health`),
    server(`node scripts/e2e-server.mjs ${DEV_INBOX_PORT} --name e2e`, `http://localhost:${DEV_INBOX_PORT}/api/health`),
    server(`node scripts/e2e-server.mjs ${SMTP_APP_PORT} --name e2e-smtp --smtp smtp://127.0.0.1:${SMTP_SINK_PORT}`, `http://localhost:${SMTP_APP_PORT}/api/health`),
  ],
});
