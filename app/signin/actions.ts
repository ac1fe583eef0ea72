"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { nextAuthFor } from "@/lib/auth/next-auth";
import { formAction } from "@/lib/http/forms";
import { actionIo } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";

/** Password sign-in through next-auth's Credentials provider, whose authorize() is Atrium's password check. */
export async function signInAction(_: FormState, formData: FormData): Promise<FormState> {
  let target = "/";
  const result = await formAction(formData, async (values) => {
    const auth = await nextAuthFor(null, await actionIo());
    try {
      const location: string = await auth.signIn("credentials", { email: values.email ?? "", password: values.password ?? "", next: safeNext(formData.get("next")), redirect: false });
      const url = new URL(location);
      target = url.pathname + url.search;
    } catch (error) {
      throw auth.failureOf(error);
    }
  });
  if (result.ok) redirect(safeNext(target));
  return result;
}
