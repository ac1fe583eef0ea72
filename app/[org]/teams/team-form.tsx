"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";

type TeamValues = { name: string; slug: string; description: string; parent: string };
type TeamFormProps = {
  action: FormAction;
  orgSlug: string;
  /** Set when editing: the team's current slug and values. */
  team?: TeamValues;
  /** Teams that may be the parent (the page leaves out the team itself and its children). */
  parents: { slug: string; name: string }[];
  submitLabel: string;
  pendingLabel: string;
};

/** Name, slug, description and parent of a team: one form for creating and for editing. */
export function TeamForm({ action, orgSlug, team, parents, submitLabel, pendingLabel }: TeamFormProps) {
  return (
    <ActionForm action={action}>
      {(state) => {
        const value = (name: keyof TeamValues) => state?.values?.[name] ?? team?.[name] ?? "";
        return (
          <>
            <input type="hidden" name="currentSlug" value={orgSlug} />
            {team && <input type="hidden" name="teamSlug" value={team.slug} />}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field name="name" label="Name" required maxLength={80} defaultValue={value("name")} error={state?.fields?.name} />
              <Field
                name="slug"
                label="Slug"
                required
                maxLength={39}
                defaultValue={value("slug")}
                error={state?.fields?.slug}
                hint="Lower-case letters, digits and dashes; used in links."
              />
            </div>
            <TextAreaField name="description" label="Description" rows={2} maxLength={500} defaultValue={value("description")} error={state?.fields?.description} />
            <SelectField
              name="parent"
              label="Parent team"
              defaultValue={value("parent")}
              error={state?.fields?.parent}
              hint="Members of this team also receive the parent team's project access."
              options={[{ value: "", label: "None (a top-level team)" }, ...parents.map((p) => ({ value: p.slug, label: p.name }))]}
            />
            <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
          </>
        );
      }}
    </ActionForm>
  );
}
