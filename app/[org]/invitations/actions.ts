"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { changeInvitationRole, createInvitations, resendInvitation, revokeInvitation } from "@/lib/invitations/service";

type Run = (slug: string, values: UntrustedInput) => Promise<string | { message: string; data: Record<string, string> }>;

async function invitationAction(formData: FormData, run: Run): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const result = await formAction(formData, (values) => run(slug, values));
  if (result.ok) revalidatePath(`/${slug}/invitations`);
  return result;
}

export const inviteAction = async (_: FormState, formData: FormData) =>
  invitationAction(formData, async (slug, values) => {
    const { results } = await createInvitations(await orgActorFor(slug, "/invitations"), { emails: values.emails ?? "", role: values.role });
    const sent = results.filter((r) => r.outcome === "invited" || r.outcome === "renewed").length;
    const message = sent === 1 ? "Invitation sent to 1 address." : `Invitations sent to ${sent} addresses.`;
    return { message, data: { results: JSON.stringify(results) } };
  });

export const resendInvitationAction = async (_: FormState, formData: FormData) =>
  invitationAction(formData, async (slug, values) => {
    await resendInvitation(await orgActorFor(slug, "/invitations"), String(values.invitationId));
    return "Invitation sent again.";
  });

export const revokeInvitationAction = async (_: FormState, formData: FormData) =>
  invitationAction(formData, async (slug, values) => {
    await revokeInvitation(await orgActorFor(slug, "/invitations"), String(values.invitationId));
    return "Invitation revoked.";
  });

export const changeInvitationRoleAction = async (_: FormState, formData: FormData) =>
  invitationAction(formData, async (slug, values) => {
    await changeInvitationRole(await orgActorFor(slug, "/invitations"), String(values.invitationId), { role: values.role });
    return "Invitation role changed.";
  });
