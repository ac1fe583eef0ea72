import { z } from "zod";
import { roleSchema } from "@/lib/invitations/schemas";
import { keysetQuery } from "@/lib/pagination";

export const memberListQuery = keysetQuery.extend({
  query: z.string().trim().max(100, "Keep the search under 100 characters.").optional(),
  role: roleSchema.optional(),
});

export const memberRoleInput = z.object({ role: roleSchema });
