import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { OrgActor } from "@/lib/auth/context";
import { authorize, type OrgRole } from "@/lib/authz";
import { ValidationError, parseInput } from "@/lib/errors";

const memberEmail = z.object({ email: z.string("Enter an email address.").trim().toLowerCase().pipe(z.email("Enter an email address.")) });

/**
 * A member of the organization by their email address (forms name people by email, the API by id).
 * Whoever sees the organization sees its members, so this reveals nothing more than the members list.
 */
export async function findMemberByEmail(actor: OrgActor, email: string): Promise<{ id: string; name: string; email: string; role: OrgRole }> {
  authorize(actor.principal, "org.view");
  const data = parseInput(memberEmail, { email });
  const db = await getDb();
  const [member] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, actor.org.id), eq(users.email, data.email)));
  if (!member) {
    throw new ValidationError("Please correct the highlighted fields.", { email: "Nobody with that email address is a member of this organization." });
  }
  return member;
}
