"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { findMemberByEmail } from "@/lib/members/lookup";
import { removeTeamMember, setTeamMember } from "@/lib/teams/members";
import { createTeam, deleteTeam, updateTeam } from "@/lib/teams/service";

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

export async function createTeamAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  let created: string | null = null;
  const result = await formAction(formData, async (values) => {
    const team = await createTeam(await orgActorFor(slug, "/teams"), values);
    created = team.slug;
    return `Team ${team.name} created.`;
  });
  if (created) redirect(`/${slug}/teams/${created}?created=1`);
  return result;
}

export async function updateTeamAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const teamSlug = String(formData.get("teamSlug"));
  let renamed: string | null = null;
  const result = await formAction(formData, async (values) => {
    const team = await updateTeam(await orgActorFor(slug, `/teams/${teamSlug}`), teamSlug, values);
    if (team.slug !== teamSlug) renamed = team.slug;
    return "Team saved.";
  });
  if (renamed) redirect(`/${slug}/teams/${renamed}`);
  if (result.ok) revalidatePath(`/${slug}/teams/${teamSlug}`);
  return result;
}

export async function deleteTeamAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const teamSlug = String(formData.get("teamSlug"));
  const result = await formAction(formData, async () => {
    await deleteTeam(await orgActorFor(slug, `/teams/${teamSlug}`), teamSlug);
  });
  if (result.ok) redirect(`/${slug}/teams?deleted=${encodeURIComponent(teamSlug)}`);
  return result;
}

async function teamMemberAction(formData: FormData, run: (slug: string, teamSlug: string, values: UntrustedInput) => Promise<string>): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const teamSlug = String(formData.get("teamSlug"));
  const result = await formAction(formData, (values) => run(slug, teamSlug, values));
  if (result.ok) revalidatePath(`/${slug}/teams/${teamSlug}`);
  return result;
}

/** Adds an organization member, named by email, to the team (the API takes their id). */
export const addTeamMemberAction = async (_: FormState, formData: FormData) =>
  teamMemberAction(formData, async (slug, teamSlug, values) => {
    const actor = await orgActorFor(slug, `/teams/${teamSlug}`);
    const member = await findMemberByEmail(actor, text(values.email) ?? "");
    await setTeamMember(actor, teamSlug, member.id, { role: values.role });
    return `${member.name} added to the team.`;
  });

export const changeTeamRoleAction = async (_: FormState, formData: FormData) =>
  teamMemberAction(formData, async (slug, teamSlug, values) => {
    await setTeamMember(await orgActorFor(slug, `/teams/${teamSlug}`), teamSlug, String(values.userId), { role: values.role });
    return "Team role changed.";
  });

export const removeTeamMemberAction = async (_: FormState, formData: FormData) =>
  teamMemberAction(formData, async (slug, teamSlug, values) => {
    await removeTeamMember(await orgActorFor(slug, `/teams/${teamSlug}`), teamSlug, String(values.userId));
    return "Removed from the team.";
  });
