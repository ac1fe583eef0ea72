"use server";

import { headers } from "next/headers";
import type { FormState } from "@/components/ui/form-state";
import { requestPasswordReset } from "@/lib/accounts/email-links";
import { requestMeta } from "@/lib/auth/context";
import { formAction } from "@/lib/http/forms";

export async function forgotPasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  return formAction(formData, async (values) => {
    await requestPasswordReset(values, requestMeta(await headers()));
    return "If an account uses that address, a reset link is on its way.";
  });
}
