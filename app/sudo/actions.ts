"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { confirmPassword } from "@/lib/accounts/sudo";
import { formAction } from "@/lib/http/forms";
import { currentActor } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";

export async function confirmPasswordAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await formAction(formData, async (values) => {
    await confirmPassword(await currentActor(), values);
  });
  if (result.ok) redirect(safeNext(formData.get("next")));
  return result;
}
