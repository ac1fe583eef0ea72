"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { ActionForm } from "@/components/ui/action-form";
import { Button, SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { TOKEN_AREAS } from "@/lib/accounts/schemas";
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

const AREA_LABELS: Record<(typeof TOKEN_AREAS)[number], string> = {
  account: "Account",
  orgs: "Organizations",
  members: "Members",
  invitations: "Invitations",
  teams: "Teams",
  projects: "Projects",
  runs: "Runs",
  registry: "Model registry",
  hub: "Component hub",
  agents: "Agents and queues",
  storage: "Storage",
  audit: "Audit log",
  "auth-settings": "Authentication settings",
};

/** The secret of a token just made, with a button that copies it. */
function NewToken({ token }: { token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      <p className="font-medium">Copy your new token now. It will not be shown again.</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <code className="block min-w-0 flex-1 rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900 select-all" data-testid="new-token">
          {token}
        </code>
        <Button
          size="sm"
          onClick={async () => {
            await navigator.clipboard.writeText(token);
            setCopied(true);
          }}
        >
          {copied ? <Check className="size-4" aria-hidden="true" /> : <Copy className="size-4" aria-hidden="true" />}
          {copied ? "Copied" : "Copy token"}
        </Button>
      </div>
      <p aria-live="polite" className="sr-only">
        {copied ? "Token copied to the clipboard." : ""}
      </p>
    </div>
  );
}

export function CreateTokenForm({ orgs }: { orgs: { slug: string; name: string }[] }) {
  return (
    <ActionForm action={createTokenAction} successToast={false}>
      {(state) => (
        <>
          {state?.ok && state.data?.token && (
            <div role="status" className="space-y-2">
              <p className="text-sm text-slate-700">{state.message}</p>
              <NewToken token={state.data.token} />
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
            <SelectField
              name="access"
              label="Access"
              defaultValue={state?.values?.access ?? "write"}
              error={state?.fields?.access}
              options={[
                { value: "write", label: "Read and write" },
                { value: "read", label: "Read only" },
              ]}
            />
            <SelectField
              name="org"
              label="Organization"
              defaultValue={state?.values?.org ?? ""}
              error={state?.fields?.org}
              hint="Limit the token to one organization."
              options={[{ value: "", label: "All my organizations" }, ...orgs.map((o) => ({ value: o.slug, label: o.name }))]}
            />
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">API areas</legend>
            <p className="text-sm text-slate-600">Tick none for every area.</p>
            <div className="grid gap-2 sm:grid-cols-3">
              {TOKEN_AREAS.map((area) => (
                <label key={area} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="areas" value={area} className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600" />
                  {AREA_LABELS[area]}
                </label>
              ))}
            </div>
            {state?.fields?.areas && <p className="text-sm text-red-700">{state.fields.areas}</p>}
          </fieldset>
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
