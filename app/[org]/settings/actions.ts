"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import { leaveOrg } from "@/lib/members/service";
import { deleteOrg, updateOrg } from "@/lib/orgs/service";

export async function updateOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let newSlug: string | null = null;
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async (values) => {
    const updated = await updateOrg(await orgActorFor(slug), values);
    if (updated.slug !== slug) newSlug = updated.slug;
    return "Settings saved.";
  });
  if (newSlug) redirect(`/${newSlug}/settings`);
  return result;
}

export async function deleteOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async (values) => {
    await deleteOrg(await orgActorFor(slug), values);
  });
  if (result.ok) redirect(`/orgs?${new URLSearchParams({ deleted: slug })}`);
  return result;
}

export async function leaveOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await formAction(formData, async (values) => {
    await leaveOrg(await orgActorFor(String(values.currentSlug)));
  });
  if (result.ok) redirect("/");
  return result;
}
