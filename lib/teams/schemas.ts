import { z } from "zod";
import { TEAM_ROLES } from "@/lib/authz/roles";
import { slugSchema } from "@/lib/orgs/schemas";
import { keysetQuery } from "@/lib/pagination";

const teamName = z.string("Enter a name.").trim().min(1, "Enter a name.").max(80, "Keep the name under 80 characters.");
const description = z.string().trim().max(500, "Keep the description under 500 characters.");
/** The parent team by slug; null (or "") for a top-level team. */
const parent = z
  .union([z.string().trim().max(100), z.null()])
  .transform((v) => (v ? v.toLowerCase() : null));

export const createTeamInput = z.object({ name: teamName, slug: slugSchema, description: description.default(""), parent: parent.default(null) });
export const updateTeamInput = z.object({ name: teamName, slug: slugSchema, description, parent }).partial();
export const teamListQuery = keysetQuery.extend({ query: z.string().trim().max(100).optional() });
export const teamRoleSchema = z.enum(TEAM_ROLES, "Choose maintainer or member.");
export const teamMemberInput = z.object({ role: teamRoleSchema.default("member") });
