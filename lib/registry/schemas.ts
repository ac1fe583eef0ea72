import { z } from "zod";
import { keysetQuery } from "@/lib/pagination";
import { entryName, entryTags } from "@/lib/pointers/schemas";

export const modelInput = z.strictObject({
  name: entryName,
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  tags: entryTags,
  /** The slug of the team that owns the model, if any. */
  ownerTeam: z.string().trim().toLowerCase().max(100).nullable().default(null),
});

export const modelListQuery = keysetQuery.extend({ q: z.string().trim().max(100).optional() });

/** The largest inputs or outputs snapshot, as JSON text. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024;

const snapshot = (label: string) =>
  z
    .record(z.string().max(200), z.unknown())
    .default({})
    .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_SNAPSHOT_BYTES, `The ${label} are larger than ${MAX_SNAPSHOT_BYTES / 1024} KiB of JSON.`);

export const artifactRef = z.strictObject({
  path: z.string().trim().min(1, "Give the artifact's path.").max(1000),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, "A digest is sha256: followed by 64 lower-case hex digits."),
  size: z.number().int("A size is a whole number of bytes.").min(0, "A size cannot be negative.").max(Number.MAX_SAFE_INTEGER),
});

export const modelVersionInput = z.strictObject({
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  inputs: snapshot("inputs"),
  outputs: snapshot("outputs"),
  artifacts: z.array(artifactRef).max(1000, "At most 1,000 artifacts.").default([]),
});

export const aliasProtectionInput = z.strictObject({
  protected: z.boolean({ error: "Say whether the alias is protected." }),
  /** A team whose members may also move the protected alias (its slug), or null. */
  team: z.string().trim().toLowerCase().max(100).nullable().default(null),
});
