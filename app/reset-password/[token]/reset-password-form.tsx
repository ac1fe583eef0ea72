"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  return (
    <ActionForm action={resetPasswordAction}>
      {(state) => (
        <>
          <input type="hidden" name="token" value={token} />
          <Field name="password" label="New password" type="password" autoComplete="new-password" required hint="At least 10 characters." error={state?.fields?.password} />
          <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
