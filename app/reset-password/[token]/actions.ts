"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { resetPassword } from "@/lib/accounts/email-links";
import { requestMeta } from "@/lib/auth/context";
import { formAction } from "@/lib/http/forms";
import { setSessionCookie } from "@/lib/http/pages";

export async function resetPasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await formAction(formData, async (values) => {
    const { session } = await resetPassword(values, requestMeta(await headers()));
    await setSessionCookie(session);
  });
  if (result.ok) redirect("/");
  return result;
}
