import { z } from "zod";
import { emailSchema } from "@/lib/accounts/schemas";
import { ORG_ROLES } from "@/lib/authz";
import { keysetQuery } from "@/lib/pagination";
import { projectRoleSchema } from "@/lib/projects/schemas";

export const MAX_ADDRESSES = 50;
export const INVITATION_DAYS = 7;

export const roleSchema = z.enum(ORG_ROLES, "Choose owner, admin, member or viewer.");

/** Addresses as pasted: one string separated by commas, semicolons, spaces or new lines, or a list. */
const addresses = z
  .union([z.string(), z.array(z.string().max(1000)).max(1000)], "List the email addresses to invite.")
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((s) => s.split(/[\s,;]+/)).filter(Boolean));

export const inviteInput = z.object({
  emails: addresses.pipe(
    z
      .array(z.string())
      .min(1, "Enter at least one email address.")
      .max(MAX_ADDRESSES, `Invite at most ${MAX_ADDRESSES} addresses at a time.`),
  ),
  role: roleSchema,
});

export const invitationRoleInput = z.object({ role: roleSchema });

/** Lower-cased address, or null when it is not one. */
export const parseAddress = (raw: string) => {
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};

/** Which invitations a list shows: open (pending and expired; the default), pending only, or the history (answered, revoked, expired). */
export const invitationListQuery = keysetQuery.extend({
  status: z.enum(["open", "pending", "history"], "Choose open, pending or history.").default("open"),
});

/** An outside collaborator's invitation to one project (or, for an organization member, a direct grant). */
export const projectInvitationInput = z.object({
  email: z.string("Enter an email address.").trim().min(1, "Enter an email address.").max(254, "That email address is too long.").pipe(z.email("Enter a valid email address.")).transform((e) => e.toLowerCase()),
  role: projectRoleSchema,
});
