import { z } from "zod";
import { PROJECT_ROLES, PROJECT_VISIBILITIES } from "@/lib/authz/roles";
import { slugSchema } from "@/lib/orgs/schemas";
import { keysetQuery } from "@/lib/pagination";

const projectName = z.string("Enter a name.").trim().min(1, "Enter a name.").max(80, "Keep the name under 80 characters.");
const description = z.string().trim().max(1000, "Keep the description under 1000 characters.");
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Tags cannot be empty.")
  .max(40, "Keep each tag under 40 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, "Tags are letters, digits, dots, dashes and underscores.");
const tags = z
  .union([z.string().max(2000), z.array(z.string().max(100)).max(100)])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(tag).max(20, "Use at most 20 tags."))
  .transform((list) => [...new Set(list)]);
export const visibilitySchema = z.enum(PROJECT_VISIBILITIES, "Choose private, internal or public.");
export const projectRoleSchema = z.enum(PROJECT_ROLES, "Choose admin, write or read.");

export const createProjectInput = z.object({ name: projectName, slug: slugSchema, description: description.default(""), tags: tags.default([]), visibility: visibilitySchema.optional() });
export const updateProjectInput = z.object({ name: projectName, slug: slugSchema, description, tags, visibility: visibilitySchema }).partial();
export const projectListQuery = keysetQuery.extend({
  query: z.string().trim().max(100).optional(),
  visibility: visibilitySchema.optional(),
  team: z.string().trim().toLowerCase().max(100).optional(),
  archived: z.enum(["false", "true", "all"], "Choose false, true or all.").default("false"),
});
export const deleteProjectInput = z.object({ confirm: z.string("Type the project's slug to confirm.").trim() });
export const grantInput = z.object({ role: projectRoleSchema });
export const accessQuery = keysetQuery.extend({ source: z.enum(["org", "direct", "team"], "Choose org, direct or team.").optional() });
