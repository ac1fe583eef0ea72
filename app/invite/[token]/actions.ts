"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { signOut } from "@/lib/accounts/sessions";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/http/forms";
import { clearSessionCookie, currentActor } from "@/lib/http/pages";
import { ROLE_LABELS } from "@/lib/authz/roles";
import { acceptInvitation, declineInvitation, getInvitationByToken, type AcceptedInvitation } from "@/lib/invitations/service";
import { flash, joinedMessage } from "@/lib/flash";

const tokenOf = (formData: FormData) => String(formData.get("token") ?? "");
const invitePath = (token: string) => `/invite/${encodeURIComponent(token)}`;

export async function acceptInvitationAction(_: FormState, formData: FormData): Promise<FormState> {
  let joined: AcceptedInvitation | null = null;
  const result = await formAction(formData, async () => {
    joined = await acceptInvitation(await currentActor(), tokenOf(formData));
  });
  if (joined) {
    const { orgSlug, orgName, project, role }: AcceptedInvitation = joined;
    // An outside collaborator lands on the one project they may see, which says what happened.
    if (project) {
      await flash(`You can now see ${project.name} in ${orgName} as ${ROLE_LABELS.project[role]}.`);
      redirect(`/${orgSlug}/projects/${project.slug}`);
    }
    await flash(joinedMessage(orgName, role));
    redirect(`/${orgSlug}`);
  }
  return result;
}

export async function declineInvitationAction(_: FormState, formData: FormData): Promise<FormState> {
  const token = tokenOf(formData);
  const result = await formAction(formData, async () => {
    await declineInvitation(await currentActor(), token);
    return "Invitation declined.";
  });
  // The page shows the invitation as declined from now on.
  revalidatePath(invitePath(token));
  return result;
}

/** Signs out and sends the person to sign in as the invited address, then back to the link. */
export async function switchAccountAction(_: FormState, formData: FormData): Promise<FormState> {
  const token = tokenOf(formData);
  // The address comes from the invitation, not from the form.
  const email = await getInvitationByToken(token).then(
    (invitation) => invitation.email,
    (error) => {
      if (error instanceof AppError) return null;
      throw error;
    },
  );
  await signOut(await currentActor());
  await clearSessionCookie();
  const query = new URLSearchParams({ next: invitePath(token), ...(email ? { email } : {}) });
  redirect(`/signin?${query}`);
}
