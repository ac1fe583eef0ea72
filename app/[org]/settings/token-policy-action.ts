"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { setTokenPolicy } from "@/lib/accounts/token-policy";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";

export async function setTokenPolicyAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async (values) => {
    const { maxTokenDays } = await setTokenPolicy(await orgActorFor(slug), values);
    return maxTokenDays ? `Access tokens now work here for at most ${maxTokenDays} days.` : "Access tokens have no lifetime limit here now.";
  });
  if (result.ok) revalidatePath(`/${slug}/settings`);
  return result;
}
