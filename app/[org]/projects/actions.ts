"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { ROLE_LABELS } from "@/lib/authz/roles";
import { inviteToProject, resendProjectInvitation, revokeProjectInvitation } from "@/lib/invitations/project";
import { findMemberByEmail } from "@/lib/members/lookup";
import { removeCollaborator, removeTeamGrant, setCollaborator, setTeamGrant } from "@/lib/projects/grants";
import { archiveProject, createProject, deleteProject, unarchiveProject, updateProject } from "@/lib/projects/service";

/** The form's fields as the service takes them; an empty visibility leaves the organization's default. */
const projectFields = ({ visibility, ...values }: UntrustedInput) => (visibility ? { ...values, visibility } : values);

export async function createProjectAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  let created: string | null = null;
  const result = await formAction(formData, async (values) => {
    const project = await createProject(await orgActorFor(slug, "/projects"), projectFields(values));
    created = project.slug;
  });
  if (created) redirect(`/${slug}/projects/${created}?created=1`);
  return result;
}

type Run = (actor: Awaited<ReturnType<typeof orgActorFor>>, projectSlug: string, values: UntrustedInput) => Promise<string>;

/** A change on one project: runs it as the caller and refreshes the project's pages. */
async function projectAction(formData: FormData, run: Run): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const projectSlug = String(formData.get("projectSlug"));
  const result = await formAction(formData, async (values) => run(await orgActorFor(slug, `/projects/${projectSlug}`), projectSlug, values));
  if (result.ok) revalidatePath(`/${slug}/projects/${projectSlug}`, "layout");
  return result;
}

export async function updateProjectAction(_: FormState, formData: FormData): Promise<FormState> {
  let renamed: string | null = null;
  const result = await projectAction(formData, async (actor, projectSlug, values) => {
    const project = await updateProject(actor, projectSlug, projectFields(values));
    if (project.slug !== projectSlug) renamed = project.slug;
    return "Project saved.";
  });
  if (renamed) redirect(`/${String(formData.get("currentSlug"))}/projects/${renamed}/settings`);
  return result;
}

export const archiveProjectAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug) => {
    await archiveProject(actor, projectSlug);
    return "Project archived: it is read-only until you unarchive it.";
  });

export const unarchiveProjectAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug) => {
    await unarchiveProject(actor, projectSlug);
    return "Project unarchived.";
  });

export async function deleteProjectAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const projectSlug = String(formData.get("projectSlug"));
  const result = await formAction(formData, async (values) => {
    await deleteProject(await orgActorFor(slug, `/projects/${projectSlug}`), projectSlug, { confirm: values.confirm });
  });
  if (result.ok) redirect(`/${slug}/projects?deleted=${encodeURIComponent(projectSlug)}`);
  return result;
}

/** Gives an organization member, named by email, a direct role (the API takes their id). */
export const grantPersonAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => {
    const member = await findMemberByEmail(actor, typeof values.email === "string" ? values.email : "");
    const grant = await setCollaborator(actor, projectSlug, member.id, { role: values.role });
    return grant.note ? `${member.name} has a direct grant now. ${grant.note}` : `${member.name} now has ${ROLE_LABELS.project[grant.role]} access.`;
  });

export const removePersonGrantAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => {
    await removeCollaborator(actor, projectSlug, String(values.userId));
    return "Direct access removed.";
  });

export const grantTeamAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => {
    const grant = await setTeamGrant(actor, projectSlug, String(values.team ?? ""), { role: values.role });
    return `Team ${grant.team.name} now has ${ROLE_LABELS.project[grant.role]} access.`;
  });

export const removeTeamGrantAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => {
    await removeTeamGrant(actor, projectSlug, String(values.team));
    return "Team access removed.";
  });

/** Invites an outside collaborator by email; an organization member gets the role directly. */
export const inviteToProjectAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => (await inviteToProject(actor, projectSlug, { email: values.email, role: values.role })).message);

export const resendProjectInvitationAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => {
    await resendProjectInvitation(actor, projectSlug, String(values.invitationId));
    return "Invitation sent again with a new link.";
  });

export const revokeProjectInvitationAction = async (_: FormState, formData: FormData) =>
  projectAction(formData, async (actor, projectSlug, values) => {
    await revokeProjectInvitation(actor, projectSlug, String(values.invitationId));
    return "Invitation revoked: its link no longer works.";
  });
