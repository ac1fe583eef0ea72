"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { resendVerification } from "@/lib/accounts/email-links";
import { changePassword, setPassword, updateProfile } from "@/lib/accounts/profile";
import { revokeOtherSessions, revokeSession } from "@/lib/accounts/sessions";
import { createAccessToken, revokeAccessToken } from "@/lib/accounts/tokens";
import { formAction } from "@/lib/http/forms";
import { currentActor } from "@/lib/http/pages";
import { unlinkIdentity } from "@/lib/sso/identities";

async function accountAction(formData: FormData, run: Parameters<typeof formAction>[1]): Promise<FormState> {
  const result = await formAction(formData, run);
  if (result.ok) revalidatePath("/account");
  return result;
}

export const updateProfileAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    await updateProfile(await currentActor(), values);
    return "Profile saved.";
  });

export const changePasswordAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    await changePassword(await currentActor(), values);
    return "Password changed. Your other sessions were signed out and your access tokens revoked.";
  });

export const resendVerificationAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async () => {
    await resendVerification(await currentActor());
    return "Verification email sent.";
  });

export const revokeSessionAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    await revokeSession(await currentActor(), String(values.sessionId));
    return "Session signed out.";
  });

export const revokeOtherSessionsAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async () => {
    await revokeOtherSessions(await currentActor());
    return "All other sessions were signed out.";
  });

export const createTokenAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    // Ticked areas arrive as repeated fields.
    const created = await createAccessToken(await currentActor(), { ...values, areas: formData.getAll("areas").map(String) });
    return { message: `Token "${created.name}" created.`, data: { token: created.token } };
  });

export const revokeTokenAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    await revokeAccessToken(await currentActor(), String(values.tokenId));
    return "Token revoked.";
  });

export const setPasswordAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    await setPassword(await currentActor(), values);
    return "Password set. You can now also sign in with it.";
  });

export const unlinkIdentityAction = async (_: FormState, formData: FormData) =>
  accountAction(formData, async (values) => {
    await unlinkIdentity(await currentActor(), String(values.identityId));
    return "Sign-in method unlinked.";
  });
