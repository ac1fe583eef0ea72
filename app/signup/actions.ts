"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { signUp } from "@/lib/accounts/credentials";
import { requestMeta } from "@/lib/auth/context";
import { formAction } from "@/lib/http/forms";
import { setSessionCookie } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";
import { flash } from "@/lib/flash";

export async function signUpAction(_: FormState, formData: FormData): Promise<FormState> {
  const next = safeNext(formData.get("next"));
  let sentTo: string | null = null;
  const result = await formAction(formData, async (values) => {
    const outcome = await signUp({ ...values, next }, requestMeta(await headers()));
    if (outcome.kind === "signed-in") {
      await setSessionCookie(outcome.session);
      await flash("Your account is ready.");
    } else sentTo = outcome.email;
  });
  if (!result.ok) return result;
  // The same page whether or not the address already had an account.
  if (sentTo) redirect(`/signup/sent?${new URLSearchParams({ email: sentTo })}`);
  redirect(next);
}
