import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const isProduction = process.env.NODE_ENV === "production";

/**
 * Why a production server must not start: it would run with a guessable secret or build links from
 * Host headers. Null when the configuration is complete.
 */
export function productionConfigProblem(): string | null {
  if (!isProduction) return null;
  const missing = ["AUTH_SECRET", "APP_URL"].filter((name) => !process.env[name]);
  return missing.length ? `Atrium refuses to start in production without ${missing.join(" and ")}: set ${missing.join(" and ")} in the environment (see README).` : null;
}

/** Public origin used in every link the app builds (never the request's Host header). */
export function appUrl(): string {
  return (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

let secret: string | undefined;

/** AUTH_SECRET, or in development one generated on first start and kept under ./.data. */
export function authSecret(): string {
  if (secret) return secret;
  if (process.env.AUTH_SECRET) return (secret = process.env.AUTH_SECRET);
  const file = path.join(process.cwd(), ".data/auth-secret");
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
}

/**
 * The dev inbox (/dev/mail) stores mail instead of sending it. On when SMTP_URL is unset outside
 * production; ATRIUM_DEV_INBOX=true also turns it on in a production build (end-to-end tests, demos).
 */
export const devInboxEnabled = () =>
  !process.env.SMTP_URL && (!isProduction || process.env.ATRIUM_DEV_INBOX === "true");

/**
 * Why mail cannot reach anyone: a production server with neither SMTP_URL nor the dev inbox.
 * Null when mail can be delivered.
 */
export function mailDeliveryProblem(): string | null {
  if (!isProduction || process.env.SMTP_URL || devInboxEnabled()) return null;
  return "No mail server is configured (SMTP_URL is not set): invitations, verification and password-reset emails cannot be delivered.";
}

export const mailFrom = () => process.env.MAIL_FROM ?? "Atrium <no-reply@atrium.local>";

/** The hosted mode: nobody joins an organization without an invitation (no open join anywhere). */
export const inviteOnlyInstance = () => process.env.ATRIUM_INVITE_ONLY === "true";

/**
 * Whether an organization's identity provider may be a plain-HTTP or private-network address. On in
 * development; ATRIUM_ALLOW_INSECURE_ISSUERS=true turns it on elsewhere (tests against a local IdP).
 * Off, an issuer must be HTTPS on a public address.
 */
export const insecureIssuersAllowed = () => process.env.NODE_ENV === "development" || process.env.ATRIUM_ALLOW_INSECURE_ISSUERS === "true";
