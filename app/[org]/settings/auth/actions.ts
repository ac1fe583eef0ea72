"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { authSettingsFromForm } from "@/lib/auth-settings/schemas";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";

export async function updateAuthSettingsAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async () => {
    await updateAuthSettings(await orgActorFor(slug, "/settings/auth"), authSettingsFromForm(formData));
    return "Authentication settings saved.";
  });
  if (result.ok) revalidatePath(`/${slug}/settings/auth`);
  return result;
}
