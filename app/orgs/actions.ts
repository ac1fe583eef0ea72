"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { currentActor } from "@/lib/http/pages";
import { acceptMyInvitation } from "@/lib/invitations/service";

export async function acceptMyInvitationAction(_: FormState, formData: FormData): Promise<FormState> {
  let orgSlug: string | null = null;
  const result = await formAction(formData, async (values) => {
    ({ orgSlug } = await acceptMyInvitation(await currentActor(), String(values.invitationId)));
  });
  if (orgSlug) redirect(`/${orgSlug}`);
  return result;
}
