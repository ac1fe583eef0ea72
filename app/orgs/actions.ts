"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { currentActor, orgActorFor } from "@/lib/http/pages";
import { acceptMyInvitation, listMyInvitations } from "@/lib/invitations/service";
import { joinOrg } from "@/lib/members/open-join";
import { flash, joinedMessage } from "@/lib/flash";

export async function acceptMyInvitationAction(_: FormState, formData: FormData): Promise<FormState> {
  let orgSlug: string | null = null;
  const result = await formAction(formData, async (values) => {
    const actor = await currentActor();
    const invitation = (await listMyInvitations(actor)).find((i) => i.id === values.invitationId);
    const accepted = await acceptMyInvitation(actor, String(values.invitationId));
    orgSlug = accepted.orgSlug;
    await flash(joinedMessage(invitation?.org.name ?? accepted.orgSlug, accepted.role));
  });
  if (orgSlug) redirect(`/${orgSlug}`);
  return result;
}

export async function joinOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let orgSlug: string | null = null;
  const result = await formAction(formData, async (values) => {
    const actor = await orgActorFor(String(values.slug));
    const joined = await joinOrg(actor);
    orgSlug = joined.orgSlug;
    await flash(joinedMessage(actor.org.name, joined.role));
  });
  if (orgSlug) redirect(`/${orgSlug}`);
  return result;
}
