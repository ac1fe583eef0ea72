import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/config";

/** What a sealed value is for; each purpose has a key of its own, so one can never be opened as another. */
export type SealPurpose = "sso client secret" | "sso state" | "sso pending link";

const keys = new Map<SealPurpose, Buffer>();

function keyFor(purpose: SealPurpose): Buffer {
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = Buffer.from(hkdfSync("sha256", authSecret(), "atrium", `atrium ${purpose} v1`, 32))));
  return key;
}

/** Encrypts and authenticates (AES-256-GCM) under a key derived from AUTH_SECRET: "v1.<iv>.<ciphertext>.<tag>". */
export function seal(purpose: SealPurpose, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, body, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plaintext of a sealed value; null when it was tampered with, sealed for another purpose or under another secret. */
export function unseal(purpose: SealPurpose, sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || body === undefined || !tag) return null;
  try {
    // A fixed tag length: Node would otherwise accept a tag cut down to 4 bytes (32 bits to forge).
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A sealed JSON value that expires: for short-lived browser state kept in a cookie. */
export function sealJson(purpose: SealPurpose, value: object, ttlSeconds: number): string {
  return seal(purpose, JSON.stringify({ ...value, exp: Date.now() + ttlSeconds * 1000 }));
}

export function unsealJson<T>(purpose: SealPurpose, sealed: string | null | undefined): T | null {
  const text = sealed ? unseal(purpose, sealed) : null;
  if (!text) return null;
  try {
    const value = JSON.parse(text) as T & { exp?: number };
    return typeof value.exp === "number" && value.exp > Date.now() ? value : null;
  } catch {
    return null;
  }
}
