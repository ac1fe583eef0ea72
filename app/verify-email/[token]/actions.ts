"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { verifyEmail } from "@/lib/accounts/email-links";
import { formAction } from "@/lib/http/forms";
import { flash } from "@/lib/flash";
import { currentActor, setSessionCookie } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";

export async function verifyEmailAction(_: FormState, formData: FormData): Promise<FormState> {
  let target = "/";
  const result = await formAction(formData, async (values) => {
    const verified = await verifyEmail(await currentActor(), { token: values.token ?? "", password: values.password || undefined });
    if (verified.session) await setSessionCookie(verified.session);
    // Without its old password the account needs a new one: the account page offers it.
    target = verified.passwordRemoved ? "/account?password=removed#password" : verified.next && verified.next !== "/" ? safeNext(verified.next) : "/";
    await flash(verified.passwordRemoved ? "Your email address is verified. Set a new password to sign in with one." : "Your email address is verified.");
  });
  if (result.ok) redirect(target);
  return result;
}
