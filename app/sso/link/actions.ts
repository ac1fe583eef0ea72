"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { requestMeta } from "@/lib/auth/context";
import { formAction } from "@/lib/http/forms";
import { clearCookie, currentActor, readCookie, setSessionCookie } from "@/lib/http/pages";
import { confirmLinkByEmail, linkPendingIdentity, sendLinkConfirmation } from "@/lib/sso/identities";
import { PENDING_LINK_COOKIE } from "@/lib/sso/sign-in";

/** Links the identity waiting in this browser to the account signed in now. */
export async function linkPendingAction(_: FormState, formData: FormData): Promise<FormState> {
  let target: string | null = null;
  const result = await formAction(formData, async () => {
    const linked = await linkPendingIdentity(await currentActor(), await readCookie(PENDING_LINK_COOKIE));
    await setSessionCookie(linked.session);
    await clearCookie(PENDING_LINK_COOKIE);
    target = linked.redirectTo;
  });
  if (target) redirect(target);
  return result;
}

export async function sendLinkMailAction(_: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, async () => {
    const { email } = await sendLinkConfirmation(await readCookie(PENDING_LINK_COOKIE));
    return `We sent a link to ${email}. Open it to link the identity.`;
  });
}

/** The emailed confirmation's button. */
export async function confirmLinkAction(_: FormState, formData: FormData): Promise<FormState> {
  let target: string | null = null;
  const result = await formAction(formData, async (values) => {
    const confirmed = await confirmLinkByEmail(String(values.token ?? ""), await readCookie(PENDING_LINK_COOKIE), requestMeta(await headers()));
    if (confirmed.session) {
      await setSessionCookie(confirmed.session);
      await clearCookie(PENDING_LINK_COOKIE);
    }
    target = confirmed.redirectTo;
  });
  if (target) redirect(target);
  return result;
}
