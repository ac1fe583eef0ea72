"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { verifyEmailAction } from "./actions";

/** The account has a password and the visitor is not signed in with it: they show they know it, or it goes. */
export function VerifyWithPasswordForm({ token }: { token: string }) {
  return (
    <ActionForm action={verifyEmailAction} successToast={false}>
      {(state) => (
        <>
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            label="Your password"
            type="password"
            autoComplete="current-password"
            hint="The one chosen when the account was created. Don't know it? Leave it empty: the address is verified, that password stops working, and you choose a new one."
            error={state?.fields?.password}
          />
          <SubmitButton pendingLabel="Verifying…">Verify my email</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
