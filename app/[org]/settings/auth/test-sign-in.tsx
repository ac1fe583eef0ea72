"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import type { FormState } from "@/components/ui/form-state";
import { testIdentityProviderAction } from "./actions";

/** "Test sign-in": submits the settings form as it is to a test of the provider, which saves nothing. */
export function TestSignIn() {
  const [state, dispatch] = useActionState<FormState, FormData>(testIdentityProviderAction, null);
  const error = state?.ok === false ? (state.message ?? Object.values(state.fields ?? {})[0]) : null;
  return (
    <div className="space-y-2">
      <SubmitButton variant="secondary" formAction={dispatch} formNoValidate pendingLabel="Testing…">
        Test sign-in
      </SubmitButton>
      <p className="text-sm text-slate-600">Tries the issuer, client ID and secret above with your provider without saving them.</p>
      <div aria-live="polite">
        {state?.ok && <p className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{state.message}</p>}
        {error && <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{error}</p>}
      </div>
    </div>
  );
}
