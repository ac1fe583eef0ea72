"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { signIn } from "@/lib/accounts/credentials";
import { requestMeta } from "@/lib/auth/context";
import { formAction } from "@/lib/http/forms";
import { setDeviceCookie, setSessionCookie } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";

export async function signInAction(_: FormState, formData: FormData): Promise<FormState> {
  const result = await formAction(formData, async (values) => {
    const { session, device } = await signIn(values, requestMeta(await headers()));
    await setSessionCookie(session);
    await setDeviceCookie(device);
  });
  if (result.ok) redirect(safeNext(formData.get("next")));
  return result;
}
