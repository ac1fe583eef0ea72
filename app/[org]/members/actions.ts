"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { changeMemberRoles, removeMembers } from "@/lib/members/bulk";
import { changeMemberRole, removeMember } from "@/lib/members/service";
import type { BulkResult } from "./bulk-bar";

async function memberAction(formData: FormData, run: (slug: string, values: UntrustedInput) => Promise<string>): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, (values) => run(slug, values));
  if (result.ok) revalidatePath(`/${slug}/members`);
  return result;
}

export const changeMemberRoleAction = async (_: FormState, formData: FormData) =>
  memberAction(formData, async (slug, values) => {
    await changeMemberRole(await orgActorFor(slug, "/members"), String(values.userId), { role: values.role });
    return "Role changed.";
  });

export const removeMemberAction = async (_: FormState, formData: FormData) =>
  memberAction(formData, async (slug, values) => {
    await removeMember(await orgActorFor(slug, "/members"), String(values.userId));
    return "Member removed.";
  });

/** Several members at once: each through the ordinary service, reported per person. */
export async function bulkMembersAction(formData: FormData): Promise<BulkResult> {
  const slug = String(formData.get("currentSlug"));
  const input = { userIds: formData.getAll("userIds").map(String), role: String(formData.get("role") ?? "") };
  try {
    const actor = await orgActorFor(slug, "/members");
    const outcomes = formData.get("operation") === "remove" ? await removeMembers(actor, input) : await changeMemberRoles(actor, input);
    revalidatePath(`/${slug}/members`);
    return { ok: true, outcomes };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}
