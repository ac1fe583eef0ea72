import { z } from "zod";

/** A storage tier: its limit in bytes (null: unlimited). */
export type StorageTier = { id: string; name: string; limitBytes: number | null };

const GB = 1024 ** 3;
const DEFAULT_TIERS: StorageTier[] = [
  { id: "free", name: "Free", limitBytes: 10 * GB },
  { id: "team", name: "Team", limitBytes: 1024 * GB },
  { id: "enterprise", name: "Enterprise", limitBytes: null },
];

const tiersSchema = z
  .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), name: z.string().min(1).max(60), limitBytes: z.number().int().min(0).nullable() }))
  .min(1);

/**
 * The instance's tiers, first one the default: ATRIUM_STORAGE_TIERS (a JSON array of
 * {id, name, limitBytes}) or free 10 GiB, team 1 TiB, enterprise unlimited.
 */
export function storageTiers(): StorageTier[] {
  const raw = process.env.ATRIUM_STORAGE_TIERS;
  if (!raw) return DEFAULT_TIERS;
  return tiersSchema.parse(JSON.parse(raw));
}

/** An organization's tier; one no longer configured counts as the default tier. */
export const tierOf = (id: string) => storageTiers().find((t) => t.id === id) ?? storageTiers()[0];

/** At this share of the limit owners and admins are warned. */
export const WARN_AT = 0.8;

export const tierInput = z.strictObject({ tier: z.string({ error: "Choose a storage tier." }).max(40) });
