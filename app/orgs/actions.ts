"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { currentActor, orgActorFor } from "@/lib/http/pages";
import { acceptMyInvitation } from "@/lib/invitations/service";
import { joinOrg } from "@/lib/members/open-join";
import { restoreOrg } from "@/lib/orgs/service";

export async function restoreOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let orgSlug: string | null = null;
  const result = await formAction(formData, async (values) => {
    ({ slug: orgSlug } = await restoreOrg(await currentActor(), values.slug));
  });
  if (orgSlug) redirect(`/orgs?${new URLSearchParams({ restored: orgSlug })}`);
  return result;
}

export async function acceptMyInvitationAction(_: FormState, formData: FormData): Promise<FormState> {
  let orgSlug: string | null = null;
  const result = await formAction(formData, async (values) => {
    ({ orgSlug } = await acceptMyInvitation(await currentActor(), String(values.invitationId)));
  });
  if (orgSlug) redirect(`/${orgSlug}`);
  return result;
}

export async function joinOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let orgSlug: string | null = null;
  const result = await formAction(formData, async (values) => {
    ({ orgSlug } = await joinOrg(await orgActorFor(String(values.slug))));
  });
  if (orgSlug) redirect(`/${orgSlug}`);
  return result;
}
