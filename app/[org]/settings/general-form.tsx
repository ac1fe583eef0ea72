"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { OrgSummary } from "@/lib/auth/context";
import { updateOrgAction } from "./actions";

export function GeneralSettingsForm({ org, canEdit }: { org: OrgSummary; canEdit: boolean }) {
  return (
    <ActionForm action={updateOrgAction}>
      {(state) => {
        const value = (name: keyof OrgSummary) => state?.values?.[name] ?? org[name];
        return (
          <fieldset disabled={!canEdit} className="space-y-4">
            <legend className="sr-only">General settings</legend>
            <input type="hidden" name="currentSlug" value={org.slug} />
            <Field name="name" label="Name" required maxLength={80} defaultValue={value("name")} error={state?.fields?.name} />
            <Field name="slug" label="URL slug" required maxLength={39} defaultValue={value("slug")} error={state?.fields?.slug} hint="Old links redirect to the new slug." />
            <TextAreaField name="description" label="Description" rows={3} maxLength={500} defaultValue={value("description")} error={state?.fields?.description} />
            <Field name="website" label="Website" type="url" placeholder="https://example.com" defaultValue={value("website")} error={state?.fields?.website} />
            <SelectField
              name="visibility"
              label="Visibility"
              defaultValue={value("visibility")}
              error={state?.fields?.visibility}
              hint="Public organizations can be seen by people outside them; their public projects can be read by anyone."
              options={[
                { value: "private", label: "Private" },
                { value: "public", label: "Public" },
              ]}
            />
            {canEdit && <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>}
          </fieldset>
        );
      }}
    </ActionForm>
  );
}
