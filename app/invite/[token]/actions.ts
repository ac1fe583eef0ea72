"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { signOut } from "@/lib/accounts/sessions";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/http/forms";
import { clearSessionCookie, currentActor } from "@/lib/http/pages";
import { acceptInvitation, declineInvitation, getInvitationByToken } from "@/lib/invitations/service";
import { flash, joinedMessage } from "@/lib/flash";

const tokenOf = (formData: FormData) => String(formData.get("token") ?? "");
const invitePath = (token: string) => `/invite/${encodeURIComponent(token)}`;

export async function acceptInvitationAction(_: FormState, formData: FormData): Promise<FormState> {
  let joined: { orgSlug: string; orgName: string; role: string } | null = null;
  const result = await formAction(formData, async () => {
    const { org } = await getInvitationByToken(tokenOf(formData));
    const { orgSlug, role } = await acceptInvitation(await currentActor(), tokenOf(formData));
    joined = { orgSlug, orgName: org.name, role };
  });
  if (joined) {
    const { orgSlug, orgName, role } = joined;
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
