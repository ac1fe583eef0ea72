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
  const result = await formAction(formData, async (values) => {
    const { session } = await signUp(values, requestMeta(await headers()));
    await setSessionCookie(session);
    // Signing up through an invitation proves the address; otherwise a link was mailed to it.
    await flash(values.invitation ? "Your account is ready." : `Your account is ready. We sent a link to ${String(values.email ?? "").trim().toLowerCase()}: open it to confirm your address.`);
  });
  if (result.ok) redirect(safeNext(formData.get("next")));
  return result;
}
