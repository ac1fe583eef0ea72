"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import { setStorageTier } from "@/lib/storage/service";

export async function setTierAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async (values) => {
    const usage = await setStorageTier(await orgActorFor(slug, "/storage"), { tier: values.tier });
    return `The storage tier is now ${usage.tier.name}.`;
  });
  if (result.ok) revalidatePath(`/${slug}`, "layout");
  return result;
}
