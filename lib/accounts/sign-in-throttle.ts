import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import type { RequestMeta } from "@/lib/auth/context";
import { authSecret } from "@/lib/config";
import { assertNotLimited, consume, resetLimit } from "@/lib/rate-limit";

/**
 * Password sign-in throttling by (account, client), after OWASP's device-cookie pattern: a browser
 * where the account signed in before carries a signed device cookie, and its failures count against
 * that cookie alone; every other client counts per (account, IP address). Strangers guessing an
 * account's password slow down themselves, never its owner's known devices.
 */
const FAILURES_PER_CLIENT = { limit: 10, seconds: 15 * 60, reason: "Too many failed sign-ins from here." };
const FAILURES_PER_IP = { limit: 100, seconds: 15 * 60, reason: "Too many failed sign-ins from here." };
export const DEVICE_COOKIE_DAYS = 365;

const sign = (email: string, deviceId: string) => createHmac("sha256", authSecret()).update(`device:${email}:${deviceId}`).digest("base64url");

/** A new device cookie value for the account: `<random id>.<HMAC over the email and the id>`. */
export function issueDeviceCookie(email: string): string {
  const deviceId = randomBytes(16).toString("base64url");
  return `${deviceId}.${sign(email, deviceId)}`;
}

/** The device id of a cookie issued to this account's email; null when it is missing, forged or another account's. */
export function verifyDeviceCookie(value: string | null | undefined, email: string): string | null {
  const [deviceId, mac, extra] = (value ?? "").split(".");
  if (!deviceId || !mac || extra !== undefined || deviceId.length > 40) return null;
  const expected = Buffer.from(sign(email, deviceId));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

/** The counters one password attempt for `email` from this client is held to. */
function keysFor(email: string, meta: RequestMeta) {
  const deviceId = verifyDeviceCookie(meta.device, email);
  const client = deviceId ? `signin:device:${deviceId}` : `signin:client:${email}:${meta.ip ?? "unknown"}`;
  return { deviceId, client, ip: meta.ip ? `signin:ip:${meta.ip}` : null };
}

/** Throws RateLimited when this client used up its failures for this account (or its IP, for strangers). */
export async function assertSignInAllowed(db: Db, email: string, meta: RequestMeta) {
  const keys = keysFor(email, meta);
  await assertNotLimited(db, keys.client, FAILURES_PER_CLIENT);
  // A known device is the owner's: another client's noise on the same address never slows it.
  if (keys.ip && !keys.deviceId) await assertNotLimited(db, keys.ip, FAILURES_PER_IP);
}

export async function recordFailedSignIn(db: Db, email: string, meta: RequestMeta) {
  const keys = keysFor(email, meta);
  await consume(db, keys.client, { ...FAILURES_PER_CLIENT, limit: Infinity });
  if (keys.ip) await consume(db, keys.ip, { ...FAILURES_PER_IP, limit: Infinity });
}

/** Clears this client's failures and returns the device cookie to set (the one it has, or a new one). */
export async function recordSuccessfulSignIn(db: Db, email: string, meta: RequestMeta): Promise<{ value: string; maxAgeSeconds: number }> {
  const keys = keysFor(email, meta);
  await resetLimit(db, keys.client);
  return { value: keys.deviceId ? meta.device! : issueDeviceCookie(email), maxAgeSeconds: DEVICE_COOKIE_DAYS * 86_400 };
}
