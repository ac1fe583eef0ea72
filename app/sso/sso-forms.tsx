"use client";

import { KeyRound } from "lucide-react";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { findSsoAction, startSsoAction } from "./actions";

/** The work email or organization, for when the page does not know the organization yet. */
export function FindSsoForm({ next, query }: { next?: string; query?: string }) {
  return (
    <ActionForm action={findSsoAction} successToast={false}>
      {(state) => (
        <>
          {next && <input type="hidden" name="next" value={next} />}
          <Field
            name="query"
            label="Work email or organization"
            autoComplete="email"
            required
            maxLength={300}
            placeholder="you@company.com or company-slug"
            defaultValue={state?.values?.query ?? query}
            error={state?.fields?.query}
          />
          <SubmitButton pendingLabel="Finding your sign-in…" className="w-full">
            Continue
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

type StartProps = { provider: string; label: string; org?: string; next?: string; loginHint?: string; primary?: boolean; verb?: string };

/** One "Continue with …" button: posts to the server, which sends the browser on to the provider. */
export function StartSsoButton({ provider, label, org, next, loginHint, primary, verb = "Continue with" }: StartProps) {
  const fields = { provider, org, next, loginHint };
  return (
    <ActionForm action={startSsoAction} successToast={false} className="space-y-2">
      {() => (
        <>
          {Object.entries(fields).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
          <SubmitButton variant={primary ? "primary" : "secondary"} pendingLabel="Redirecting…" className="w-full">
            <KeyRound className="size-4" aria-hidden="true" /> {verb} {label}
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
