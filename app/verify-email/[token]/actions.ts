"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { verifyEmail } from "@/lib/accounts/email-links";
import { formAction } from "@/lib/http/forms";
import { currentActor, setSessionCookie } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";

export async function verifyEmailAction(_: FormState, formData: FormData): Promise<FormState> {
  let target = "/?verified=1";
  const result = await formAction(formData, async (values) => {
    const verified = await verifyEmail(await currentActor(), { token: values.token ?? "", password: values.password || undefined });
    if (verified.session) await setSessionCookie(verified.session);
    // Without its old password the account needs a new one: the account page offers it.
    target = verified.passwordRemoved ? "/account?password=removed#password" : verified.next ? safeNext(verified.next) : "/?verified=1";
  });
  if (result.ok) redirect(target);
  return result;
}
