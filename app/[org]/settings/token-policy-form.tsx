"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { setTokenPolicyAction } from "./token-policy-action";

/** Owners cap how long personal access tokens may act in the organization. */
export function TokenPolicyForm({ slug, maxTokenDays, canEdit }: { slug: string; maxTokenDays: number | null; canEdit: boolean }) {
  return (
    <ActionForm action={setTokenPolicyAction}>
      {(state) => (
        <fieldset disabled={!canEdit} className="space-y-4">
          <legend className="sr-only">Access token lifetime</legend>
          <input type="hidden" name="currentSlug" value={slug} />
          <Field
            name="maxTokenDays"
            label="Longest token lifetime, in days"
            type="number"
            defaultValue={state?.values?.maxTokenDays ?? String(maxTokenDays ?? 0)}
            error={state?.fields?.maxTokenDays}
            hint="0 for no limit. Tokens older than this stop working here at once."
          />
          {canEdit && <SubmitButton pendingLabel="Saving…">Save lifetime</SubmitButton>}
        </fieldset>
      )}
    </ActionForm>
  );
}
