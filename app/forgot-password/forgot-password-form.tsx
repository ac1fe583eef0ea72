"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  return (
    <ActionForm action={forgotPasswordAction}>
      {(state) =>
        state?.ok ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
            {state.message} It expires in an hour.
          </p>
        ) : (
          <>
            <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state?.values?.email} error={state?.fields?.email} />
            <SubmitButton pendingLabel="Sending…">Send reset link</SubmitButton>
          </>
        )
      }
    </ActionForm>
  );
}
