import { z } from "zod";
import { entryName, entryTags } from "@/lib/pointers/schemas";
import { keysetQuery } from "@/lib/pagination";

export const componentInput = z.strictObject({
  name: entryName,
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  readme: z.string().max(100_000, "Keep the README under 100,000 characters.").default(""),
  tags: entryTags,
  /** The first version's YAML spec, optional. */
  spec: z.string().optional(),
});

export const versionInput = z.strictObject({ spec: z.string({ error: "Paste or upload the component's YAML spec." }) });

export const componentListQuery = keysetQuery.extend({ q: z.string().trim().max(100).optional() });

export const diffQuery = z.strictObject({
  from: z.coerce.number().int().min(1, "Name the version to compare from."),
  to: z.coerce.number().int().min(1, "Name the version to compare to."),
});
