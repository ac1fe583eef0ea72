"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { changeMemberRole, removeMember } from "@/lib/members/service";

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
