import { createHmac, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/config";

/** 32 random bytes, base64url: the secret part of sessions, access tokens and email links. */
export const newToken = (prefix = "") => prefix + randomBytes(32).toString("base64url");

/** What is stored instead of a token: a keyed SHA-256, so a copy of the table cannot be replayed. */
export const hashToken = (token: string) => createHmac("sha256", authSecret()).update(token).digest("base64url");
