"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signInAction } from "./actions";

export function SignInForm({ next, email }: { next: string; email?: string }) {
  return (
    <ActionForm action={signInAction} successToast={false}>
      {(state) => (
        <>
          <input type="hidden" name="next" value={next} />
          <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state?.values?.email ?? email} error={state?.fields?.email} />
          <Field name="password" label="Password" type="password" autoComplete="current-password" required />
          <SubmitButton pendingLabel="Signing in…" className="w-full">
            Sign in
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
