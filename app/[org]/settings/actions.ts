"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import { leaveOrg } from "@/lib/members/service";
import { deleteOrg, updateOrg } from "@/lib/orgs/service";
import { flash } from "@/lib/flash";

export async function updateOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let newSlug: string | null = null;
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, async (values) => {
    const updated = await updateOrg(await orgActorFor(slug), values);
    if (updated.slug !== slug) newSlug = updated.slug;
    return "Settings saved.";
  });
  if (newSlug) {
    await flash(`Settings saved. The organization's address is now /${newSlug}; links to /${slug} lead here.`);
    redirect(`/${newSlug}/settings`);
  }
  return result;
}

export async function deleteOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let name = "";
  const result = await formAction(formData, async (values) => {
    const actor = await orgActorFor(String(values.currentSlug));
    name = actor.org.name;
    await deleteOrg(actor, values);
  });
  if (result.ok) {
    await flash(`${name} was deleted, with its members, teams, projects and invitations.`);
    redirect("/orgs");
  }
  return result;
}

export async function leaveOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let name = "";
  const result = await formAction(formData, async (values) => {
    const actor = await orgActorFor(String(values.currentSlug));
    name = actor.org.name;
    await leaveOrg(actor);
  });
  if (result.ok) {
    await flash(`You left ${name}.`);
    redirect("/orgs");
  }
  return result;
}
