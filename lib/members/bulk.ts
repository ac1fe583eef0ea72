import { z } from "zod";
import type { OrgActor } from "@/lib/auth/context";
import { gate } from "@/lib/authz";
import { AppError, parseInput } from "@/lib/errors";
import { memberRoleInput } from "./schemas";
import { changeMemberRole, removeMember } from "./service";

export const bulkMembersInput = z.object({
  userIds: z.array(z.string().max(100)).min(1, "Select at least one member.").max(100, "Select at most 100 members at once."),
});

/** What happened to one selected person. */
export type BulkOutcome = { userId: string; ok: boolean; message: string };

/**
 * Runs one member operation for each selected person, each through the ordinary service function
 * (its own transaction, permission check under the lock, audit event): one refusal never stops
 * the others, and each person gets a line in the report.
 */
async function forEachMember(userIds: string[], run: (userId: string) => Promise<string>): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const userId of new Set(userIds)) {
    try {
      outcomes.push({ userId, ok: true, message: await run(userId) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ userId, ok: false, message: error.message });
    }
  }
  return outcomes;
}

export async function changeMemberRoles(actor: OrgActor, input: unknown) {
  gate(actor.principal, "member.remove");
  const { userIds } = parseInput(bulkMembersInput, input);
  const { role } = parseInput(memberRoleInput, input);
  return forEachMember(userIds, async (userId) => {
    await changeMemberRole(actor, userId, { role });
    return `Now ${role === "admin" ? "an" : "a"} ${role}.`;
  });
}

export async function removeMembers(actor: OrgActor, input: unknown) {
  gate(actor.principal, "member.remove");
  const { userIds } = parseInput(bulkMembersInput, input);
  return forEachMember(userIds, async (userId) => {
    await removeMember(actor, userId);
    return "Removed.";
  });
}
