"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signUpAction } from "./actions";

type SignUpFormProps = {
  next: string;
  email?: string;
  /** The invitation link's token, when the person came through one: it proves the invited address. */
  invitation?: string;
  emailHint?: string;
};

export function SignUpForm({ next, email, invitation, emailHint }: SignUpFormProps) {
  return (
    <ActionForm action={signUpAction} successToast={false}>
      {(state) => (
        <>
          <input type="hidden" name="next" value={next} />
          {invitation && <input type="hidden" name="invitation" value={invitation} />}
          <Field name="name" label="Name" autoComplete="name" required maxLength={100} defaultValue={state?.values?.name} error={state?.fields?.name} />
          <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state?.values?.email ?? email} error={state?.fields?.email} hint={emailHint} />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters. A long passphrase is best."
            error={state?.fields?.password}
          />
          <SubmitButton pendingLabel="Creating account…" className="w-full">
            Create account
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
