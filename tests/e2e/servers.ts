/**
 * The servers of the end-to-end suite, shared by playwright.config.ts and the helpers: two app
 * servers from the same build (one delivering mail to the dev inbox, one over real SMTP) and the
 * SMTP sink the second one sends to. Ports can be moved with E2E_*_PORT when they are taken.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const DEV_INBOX_PORT = port("E2E_PORT", 3100);
export const SMTP_APP_PORT = port("E2E_SMTP_APP_PORT", 3101);
export const SMTP_SINK_PORT = port("E2E_SMTP_PORT", 2525);
export const SMTP_SINK_HTTP_PORT = port("E2E_SMTP_HTTP_PORT", 2526);

/** Where the sink serves the messages it received (STACK.md trap 9: localhost everywhere). */
export const SMTP_SINK_URL = `http://localhost:${SMTP_SINK_HTTP_PORT}`;
