/**
 * The servers of the end-to-end suite, shared by playwright.config.ts and the helpers: two app
 * servers from the same build (one delivering mail to the dev inbox, one over real SMTP), the
 * SMTP sink the second one sends to, and an OpenID Connect provider. Ports can be moved with E2E_*_PORT when they are taken.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const DEV_INBOX_PORT = port("E2E_PORT", 3100);
export const SMTP_APP_PORT = port("E2E_SMTP_APP_PORT", 3101);
export const SMTP_SINK_PORT = port("E2E_SMTP_PORT", 2525);
export const SMTP_SINK_HTTP_PORT = port("E2E_SMTP_HTTP_PORT", 2526);
export const IDP_PORT = port("E2E_IDP_PORT", 4100);
export const DNS_PORT = port("E2E_DNS_PORT", 5353);
export const DNS_HTTP_PORT = port("E2E_DNS_HTTP_PORT", 5354);

/** The DNS server domain proofs are looked up on (tests/e2e/dns-server.mjs), and where a spec publishes records. */
export const DNS_CONTROL_URL = `http://127.0.0.1:${DNS_HTTP_PORT}`;

/** The organization identity provider of the SSO spec (tests/e2e/idp-server.ts). */
export const IDP_URL = `http://localhost:${IDP_PORT}`;

/** Where the sink serves the messages it received (STACK.md trap 9: localhost everywhere). */
export const SMTP_SINK_URL = `http://localhost:${SMTP_SINK_HTTP_PORT}`;
