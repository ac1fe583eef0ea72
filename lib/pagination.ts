import { z } from "zod";
import { ValidationError, nulPath } from "./errors";

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
 * base64url JSON. Decoding checks the values against the page's own schema, so a crafted cursor is
 * a 400, never a failed cast in the query.
 */
export const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

export function decodeCursor<T extends z.ZodTuple>(cursor: string | undefined, schema: T): z.infer<T> | null {
  if (!cursor) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {}
  const parsed = schema.safeParse(values);
  if (!parsed.success || nulPath(values) !== null) throw new ValidationError("Not a valid cursor.", { cursor: "Not a valid cursor." });
  return parsed.data;
}

/** ?cursor=&limit= for keyset pages with a composite cursor. */
export const keysetQuery = z.object({
  cursor: z.string().max(1000).optional(),
  limit: pageQuery.shape.limit,
});
