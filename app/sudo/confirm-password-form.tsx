"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { confirmPasswordAction } from "./actions";

export function ConfirmPasswordForm({ next }: { next: string }) {
  return (
    <ActionForm action={confirmPasswordAction} successToast={false}>
      {(state) => (
        <>
          <input type="hidden" name="next" value={next} />
          <Field name="password" label="Password" type="password" autoComplete="current-password" required error={state?.fields?.password} />
          <SubmitButton pendingLabel="Confirming…" className="w-full">
            Confirm
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
