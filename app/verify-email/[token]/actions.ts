"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { verifyEmail } from "@/lib/accounts/email-links";
import { requestMeta } from "@/lib/auth/context";
import { formAction } from "@/lib/http/forms";
import { flash } from "@/lib/flash";

export async function verifyEmailAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await formAction(formData, async (values) => {
    const { email } = await verifyEmail(values.token ?? "", requestMeta(await headers()));
    await flash(`Your email address ${email} is verified.`);
  });
  if (result.ok) redirect("/");
  return result;
}
