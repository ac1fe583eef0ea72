import { z } from "zod";
import { ValidationError } from "./errors";

export type Page<T> = { items: T[]; nextCursor: string | null };

/** ?cursor=&limit= as DESIGN §8 defines them: opaque cursor, limit 1–100 (default 25). */
export const pageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "Not a valid cursor.")
    .optional(),
  limit: z.coerce.number().int("Limit must be a whole number.").min(1, "Limit must be at least 1.").max(100, "Limit must be at most 100.").default(25),
});

/**
 * An opaque cursor for keyset pages ordered by several columns: the last row's sort values, as
 * base64url JSON. Anything that does not decode to the expected number of strings is refused.
 */
export const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

export function decodeCursor(cursor: string | undefined, size: number): string[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === size && values.every((v) => typeof v === "string")) return values;
  } catch {}
  throw new ValidationError("Not a valid cursor.", { cursor: "Not a valid cursor." });
}

/** ?cursor=&limit= for keyset pages with a composite cursor. */
export const keysetQuery = z.object({
  cursor: z.string().max(1000).optional(),
  limit: pageQuery.shape.limit,
});
