/**
 * `npm run lighthouse`: Lighthouse (mobile: a Moto G Power's screen, simulated slow 4G and CPU) on
 * the production build, for sign-in (signed out) and the seeded organization's dashboard and
 * members page (signed in as its owner). Prints each page's four scores and exits non-zero when
 * accessibility or best practices fall below 95, or performance below 90.
 *
 * It seeds a fresh PGlite folder, starts `next start` on a free port (LIGHTHOUSE_PORT to choose),
 * signs in through the real form in Chromium (CHROME_PATH, default /usr/bin/chromium) and hands
 * Lighthouse that browser and the session cookie. Build first (`npm run lighthouse` does).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";

const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const THRESHOLDS = { performance: 90, accessibility: 95, "best-practices": 95 } as const;
const DEMO = { email: "owner@acme.test", password: "atrium-demo-password", org: "acme-ml" };

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function waitFor(url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  const port = Number(process.env.LIGHTHOUSE_PORT) || (await freePort());
  const origin = `http://localhost:${port}`;
  const dataDir = path.join(process.cwd(), `.data/lighthouse-${randomBytes(4).toString("hex")}`);
  // Always its own embedded database, never the one DATABASE_URL names.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, PGLITE_DIR: dataDir, APP_URL: origin, AUTH_SECRET: randomBytes(32).toString("base64") };

  // Seed before the server opens the folder: one process per PGlite folder (STACK.md trap 4).
  const seeded = spawnSync("npx", ["tsx", "db/seed.ts"], { env, stdio: "ignore" });
  if (seeded.status !== 0) throw new Error("seeding the demo data failed");
  const server = spawn("npx", ["next", "start", "-p", String(port)], { env: { ...env, NODE_ENV: "production" }, stdio: "ignore", detached: true });
  // Lighthouse drives the same Chromium over its debugging port.
  const debugPort = await freePort();
  const browser = await chromium.launch({ executablePath: CHROME, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--remote-debugging-port=${debugPort}`] });
  try {
    await waitFor(`${origin}/api/health`);
    const page = await browser.newPage();
    await page.goto(`${origin}/signin`);
    await page.getByLabel("Email").fill(DEMO.email);
    await page.getByLabel("Password").fill(DEMO.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await page.close();

    const targets: { name: string; url: string; headers: Record<string, string> }[] = [
      { name: "sign-in", url: `${origin}/signin`, headers: {} },
      { name: "dashboard", url: `${origin}/${DEMO.org}`, headers: { Cookie: cookie } },
      { name: "members", url: `${origin}/${DEMO.org}/members`, headers: { Cookie: cookie } },
    ];
    let failed = false;
    console.log("page        performance  accessibility  best-practices  seo");
    for (const target of targets) {
      const result = await lighthouse(target.url, { port: debugPort, output: "json", logLevel: "error", extraHeaders: target.headers, onlyCategories: ["performance", "accessibility", "best-practices", "seo"] });
      const categories = result!.lhr.categories;
      const score = (key: string) => Math.round((categories[key]?.score ?? 0) * 100);
      for (const [key, min] of Object.entries(THRESHOLDS)) if (score(key) < min) failed = true;
      console.log(
        `${target.name.padEnd(12)}${String(score("performance")).padEnd(13)}${String(score("accessibility")).padEnd(15)}${String(score("best-practices")).padEnd(16)}${score("seo")}`,
      );
      for (const audit of Object.values(result!.lhr.audits)) {
        if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "manual") console.log(`    ${audit.id}: ${audit.title}`);
      }
    }
    if (failed) {
      console.error(`Below the thresholds (performance ${THRESHOLDS.performance}, accessibility and best practices ${THRESHOLDS.accessibility}).`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
