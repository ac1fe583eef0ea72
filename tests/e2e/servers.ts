/**
 * The servers of the end-to-end suite, shared by playwright.config.ts and the helpers: two app
 * servers from the same build (one delivering mail to the dev inbox, one over real SMTP), the
 * SMTP sink the second one sends to, and an OpenID Connect provider.
 *
 * Each port is E2E_*_PORT when set, else a free one picked when the config loads. The picks are
 * written back into the environment, so Playwright's workers (which inherit it) see the same ports.
 */
import { spawnSync } from "node:child_process";

const NAMES = ["E2E_PORT", "E2E_SMTP_APP_PORT", "E2E_SMTP_PORT", "E2E_SMTP_HTTP_PORT", "E2E_IDP_PORT"] as const;

/** `count` ports free right now on loopback, all different (held open together while picked). */
export function freePorts(count: number): number[] {
  const script = `const net = require("node:net");
    Promise.all(Array.from({ length: ${count} }, () => new Promise((ok) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => ok(s)); })))
      .then((servers) => { console.log(servers.map((s) => s.address().port).join(" ")); servers.forEach((s) => s.close()); });`;
  const out = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`could not pick free ports: ${out.stderr}`);
  return out.stdout.trim().split(" ").map(Number);
}

const missing = NAMES.filter((name) => !process.env[name]);
const picked = missing.length ? freePorts(missing.length) : [];
missing.forEach((name, i) => (process.env[name] = String(picked[i])));

const port = (name: (typeof NAMES)[number]) => Number(process.env[name]);

export const DEV_INBOX_PORT = port("E2E_PORT");
export const SMTP_APP_PORT = port("E2E_SMTP_APP_PORT");
export const SMTP_SINK_PORT = port("E2E_SMTP_PORT");
export const SMTP_SINK_HTTP_PORT = port("E2E_SMTP_HTTP_PORT");
export const IDP_PORT = port("E2E_IDP_PORT");

/** The organization identity provider of the SSO spec (tests/e2e/idp-server.ts). */
export const IDP_URL = `http://localhost:${IDP_PORT}`;

/** Where the sink serves the messages it received (STACK.md trap 9: localhost everywhere). */
export const SMTP_SINK_URL = `http://localhost:${SMTP_SINK_HTTP_PORT}`;
