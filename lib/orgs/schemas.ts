import { z } from "zod";
import { ORG_VISIBILITIES, PROJECT_VISIBILITIES } from "@/lib/authz/roles";

/** Top-level paths and words an organization may not take as its slug (they are, or may become, routes). */
export const RESERVED_SLUGS = new Set([
  "about", "account", "accounts", "admin", "administrator", "api", "app", "assets", "auth", "billing", "blog",
  "dashboard", "dev", "docs", "explore", "favicon.ico", "forgot-password", "help", "home", "invitations",
  "invite", "join", "login", "logout", "me", "new", "null", "org", "orgs", "organizations", "owner", "pricing",
  "privacy", "public", "register", "reset-password", "root", "security", "settings", "signin", "sign-in",
  "signout", "sign-out", "signup", "sign-up", "sso", "static", "status", "support", "system", "terms",
  "undefined", "user", "users", "verify-email", "www",
]);

export const slugSchema = z
  .string("Choose a slug.")
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(39, "Use at most 39 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, not at the start or end.")
  .refine((s) => !RESERVED_SLUGS.has(s), "This name is reserved. Choose another.");

const orgName = z.string("Enter a name.").trim().min(1, "Enter a name.").max(80, "Keep the name under 80 characters.");
const description = z.string().trim().max(500, "Keep the description under 500 characters.");
const website = z
  .string()
  .trim()
  .max(200, "Keep the address under 200 characters.")
  .refine((url) => url === "" || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url), "Enter a full address starting with https://.");

export const createOrgInput = z.object({
  name: orgName,
  slug: slugSchema,
  description: description.default(""),
  website: website.default(""),
});

export const updateOrgInput = z
  .object({
    name: orgName,
    slug: slugSchema,
    description,
    website,
    visibility: z.enum(ORG_VISIBILITIES, "Choose private or public."),
    defaultProjectVisibility: z.enum(PROJECT_VISIBILITIES, "Choose private, internal or public."),
  })
  .partial();

export const orgListQuery = z.object({
  cursor: z.string().max(39).optional(),
  limit: z.coerce.number().int("Limit must be a whole number.").min(1, "Limit must be at least 1.").max(100, "Limit must be at most 100.").default(25),
});

export const deleteOrgInput = z.object({ confirm: z.string("Type the slug to confirm.").trim() });

/** A slug suggestion from a name: "Deep Mind Labs!" → "deep-mind-labs". */
export function suggestSlug(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 39)
    .replace(/-+$/, "");
}
