"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";

const Hidden = ({ fields }: { fields: Record<string, string> }) => (
  <>
    {Object.entries(fields).map(([name, value]) => (
      <input key={name} type="hidden" name={name} value={value} />
    ))}
  </>
);

/** Add and remove tags in one go (comma-separated). */
export function TagRunForm({ action, fields, tags }: { action: FormAction; fields: Record<string, string>; tags: string[] }) {
  return (
    <ActionForm action={action}>
      {(state) => (
        <>
          <Hidden fields={fields} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="run-tags-add" name="add" label="Add tags" maxLength={400} placeholder="e.g. baseline, best" error={state?.fields?.add} defaultValue={state && !state.ok ? (state.values?.add ?? "") : ""} hint="Separated by commas." />
            <Field
              id="run-tags-remove"
              name="remove"
              label="Remove tags"
              maxLength={400}
              placeholder={tags.length ? tags.join(", ") : "No tags yet"}
              error={state?.fields?.remove}
              defaultValue={state && !state.ok ? (state.values?.remove ?? "") : ""}
              hint={tags.length ? `Now: ${tags.join(", ")}` : undefined}
            />
          </div>
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Save tags
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

/** Owners and admins: a new immutable version of a registry model, made from this run. */
export function PromoteRunForm({ action, fields, models }: { action: FormAction; fields: Record<string, string>; models: string[] }) {
  return (
    <ActionForm action={action}>
      {(state) => (
        <>
          <Hidden fields={fields} />
          <SelectField
            id="promote-model"
            name="model"
            label="Model"
            required
            defaultValue={state && !state.ok ? (state.values?.model ?? "") : ""}
            error={state?.fields?.model}
            options={[{ value: "", label: "Choose a model" }, ...models.map((m) => ({ value: m, label: m }))]}
          />
          <TextAreaField id="promote-description" name="description" label="Version description" rows={2} maxLength={2000} error={state?.fields?.description} defaultValue={state && !state.ok ? (state.values?.description ?? "") : ""} />
          <SubmitButton pendingLabel="Promoting…">Promote to registry</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
