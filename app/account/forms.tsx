"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { changePasswordAction, createTokenAction, setPasswordAction, updateProfileAction } from "./actions";

export function ProfileForm({ name }: { name: string }) {
  return (
    <ActionForm action={updateProfileAction}>
      {(state) => (
        <>
          <Field name="name" label="Name" required maxLength={100} defaultValue={state?.values?.name ?? name} error={state?.fields?.name} />
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function ChangePasswordForm() {
  return (
    <ActionForm action={changePasswordAction}>
      {(state) => (
        <>
          <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={state?.fields?.currentPassword} />
          <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required hint="At least 10 characters." error={state?.fields?.newPassword} />
          <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** For accounts made by single sign-on, which have no password yet. */
export function SetPasswordForm() {
  return (
    <ActionForm action={setPasswordAction}>
      {(state) => (
        <>
          <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required hint="At least 10 characters." error={state?.fields?.newPassword} />
          <SubmitButton pendingLabel="Saving…">Set password</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function CreateTokenForm() {
  return (
    <ActionForm action={createTokenAction}>
      {(state) => (
        <>
          {state?.ok && state.data?.token && (
            <div role="status" className="space-y-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
              <p className="font-medium">Copy your new token now. It will not be shown again.</p>
              <code className="block rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900 select-all" data-testid="new-token">
                {state.data.token}
              </code>
            </div>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="token-name" name="name" label="Token name" required maxLength={80} placeholder="CI pipeline" error={state?.fields?.name} defaultValue={state?.ok ? "" : state?.values?.name} />
            <SelectField
              name="expiresInDays"
              label="Expires"
              defaultValue={state?.values?.expiresInDays ?? "30"}
              error={state?.fields?.expiresInDays}
              options={[
                { value: "7", label: "In 7 days" },
                { value: "30", label: "In 30 days" },
                { value: "90", label: "In 90 days" },
                { value: "365", label: "In a year" },
                { value: "0", label: "Never" },
              ]}
            />
          </div>
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
