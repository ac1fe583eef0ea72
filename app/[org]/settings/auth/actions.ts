"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { authSettingsFromForm } from "@/lib/auth-settings/schemas";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { testIdentityProvider } from "@/lib/auth-settings/test-provider";
import { checkDomain } from "@/lib/domains/service";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";

/** A refusal tied to a field is shown next to that field only, not a second time above the form. */
const once = (result: FormState): FormState =>
  result && !result.ok && result.fields && Object.values(result.fields).includes(result.message ?? "") ? { ...result, message: undefined } : result;

export async function updateAuthSettingsAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async () => {
    await updateAuthSettings(await orgActorFor(slug, "/settings/auth"), authSettingsFromForm(formData));
    return "Authentication settings saved.";
  });
  if (result.ok) revalidatePath(`/${slug}/settings/auth`);
  return once(result);
}

/** "Test sign-in": tries the identity provider as entered, without saving. */
export async function testIdentityProviderAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async () => testIdentityProvider(await orgActorFor(slug, "/settings/auth"), authSettingsFromForm(formData).oidc ?? {}));
  return once(result);
}

/** "Check now": looks up a domain's TXT record. */
export async function checkDomainAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async (values) => {
    const claim = await checkDomain(await orgActorFor(slug, "/settings/auth"), values.domain);
    return claim.status === "verified" ? `${claim.display} is verified.` : `${claim.display} is not verified yet: ${claim.lastCheckError ?? "the record was not found."}`;
  });
  revalidatePath(`/${slug}/settings/auth`);
  return result;
}
