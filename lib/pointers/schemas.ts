import { z } from "zod";

/** Names of movable pointers (component tags, model aliases): `latest`, `stable`, `v1.2`, `production`. Never all digits, so a version number is never a pointer's name. */
export const pointerName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "Use up to 63 lower-case letters, digits, dots, dashes and underscores.")
  .refine((name) => !/^\d+$/.test(name), "A name of digits only would read as a version number.");

/** What a pointer is moved to: a version number, or null to remove the pointer. */
export const versionRef = z.union([z.number().int("Give a version number.").min(1, "Version numbers start at 1.").max(2_000_000_000), z.null()], "Give a version number, or null to remove it.");

/**
 * Several pointer moves applied together or not at all. `expected` (optional) is the version the
 * client believes the pointer is at now (null: absent); when another move came first, the request
 * is refused with 409 and nothing moves.
 */
export const pointerMovesInput = z.strictObject({
  moves: z
    .array(z.strictObject({ name: pointerName, version: versionRef, expected: versionRef.optional() }))
    .min(1, "Name at least one move.")
    .max(20, "At most 20 moves at once.")
    .superRefine((moves, ctx) => {
      const seen = new Set<string>();
      moves.forEach((m, i) => {
        if (seen.has(m.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `${m.name} is moved twice in one request.` });
        seen.add(m.name);
      });
    }),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
});

/** ?at= : an ISO 8601 time; the answer is the pointer as it stood then. */
export const atQuery = z.strictObject({
  at: z.iso.datetime({ offset: true, message: "Give a time like 2026-03-01T12:00:00Z." }).optional(),
});

export const entryName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "Use up to 63 lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit.");

/** Tags as a list, or as the comma-separated text of a form field. */
export const entryTags = z
  .union([z.string().max(2000), z.array(z.string().max(100)).max(100)], "Give the tags as a list or as text separated by commas.")
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(50, "Tags are at most 50 characters.")).max(20, "At most 20 tags."))
  .transform((list) => [...new Set(list)])
  .default([]);
