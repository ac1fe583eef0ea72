"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";

/** Name, description, tags and an optional owning team: a new registry model. */
export function ModelForm({ action, orgSlug, teams }: { action: FormAction; orgSlug: string; teams: { slug: string; name: string }[] }) {
  return (
    <ActionForm action={action}>
      {(state) => {
        const value = (name: string) => state?.values?.[name] ?? "";
        return (
          <fieldset className="space-y-4">
            <legend className="sr-only">Model details</legend>
            <input type="hidden" name="currentSlug" value={orgSlug} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="model-name" name="name" label="Name" required maxLength={63} defaultValue={value("name")} error={state?.fields?.name} hint="Lower-case letters, digits, dots, dashes and underscores, e.g. fraud-detector." />
              <Field id="model-tags" name="tags" label="Tags" maxLength={400} defaultValue={value("tags")} error={state?.fields?.tags} hint="Separated by commas, e.g. vision, baseline" />
            </div>
            <TextAreaField id="model-description" name="description" label="Description" rows={2} maxLength={2000} defaultValue={value("description")} error={state?.fields?.description} />
            {teams.length > 0 && (
              <SelectField
                id="model-owner-team"
                name="ownerTeam"
                label="Owning team"
                defaultValue={value("ownerTeam")}
                error={state?.fields?.ownerTeam}
                options={[{ value: "", label: "No team" }, ...teams.map((t) => ({ value: t.slug, label: t.name }))]}
              />
            )}
            <SubmitButton pendingLabel="Creating…">Create model</SubmitButton>
          </fieldset>
        );
      }}
    </ActionForm>
  );
}
