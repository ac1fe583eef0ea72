import { z } from "zod";

export type Page<T> = { items: T[]; nextCursor: string | null };

/** ?cursor=&limit= as DESIGN §8 defines them: opaque cursor, limit 1–100 (default 25). */
export const pageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "Not a valid cursor.")
    .optional(),
  limit: z.coerce.number().int("Limit must be a whole number.").min(1, "Limit must be at least 1.").max(100, "Limit must be at most 100.").default(25),
});
