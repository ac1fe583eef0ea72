"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";
import { PROJECT_VISIBILITIES, type ProjectVisibility } from "@/lib/authz/roles";

type ProjectValues = { name: string; slug: string; description: string; tags: string; visibility: ProjectVisibility };
type ProjectFormProps = {
  action: FormAction;
  orgSlug: string;
  orgIsPublic: boolean;
  /** Set when editing: the project's current values. */
  project?: ProjectValues;
  submitLabel: string;
  pendingLabel: string;
  disabled?: boolean;
};

const VISIBILITY_HINTS: Record<ProjectVisibility, string> = {
  private: "Private: only owners, admins and the people and teams given access.",
  internal: "Internal: every member of the organization can read it; members can also write.",
  public: "Public: as internal, and anyone can read it while the organization is public.",
};

/** Name, slug, description, tags and visibility: one form for creating and for editing a project. */
export function ProjectForm({ action, orgSlug, orgIsPublic, project, submitLabel, pendingLabel, disabled }: ProjectFormProps) {
  return (
    <ActionForm action={action}>
      {(state) => {
        const value = (name: keyof ProjectValues) => state?.values?.[name] ?? project?.[name] ?? "";
        return (
          <fieldset disabled={disabled} className="space-y-4">
            <legend className="sr-only">Project details</legend>
            <input type="hidden" name="currentSlug" value={orgSlug} />
            {project && <input type="hidden" name="projectSlug" value={project.slug} />}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field name="name" label="Name" required maxLength={80} defaultValue={value("name")} error={state?.fields?.name} />
              <Field name="slug" label="Slug" required maxLength={39} defaultValue={value("slug")} error={state?.fields?.slug} hint="Lower-case letters, digits and dashes; used in links." />
            </div>
            <TextAreaField name="description" label="Description" rows={2} maxLength={500} defaultValue={value("description")} error={state?.fields?.description} />
            <Field name="tags" label="Tags" maxLength={400} defaultValue={value("tags")} error={state?.fields?.tags} hint="Separated by commas, e.g. vision, baseline" />
            <SelectField
              name="visibility"
              label="Visibility"
              defaultValue={value("visibility")}
              error={state?.fields?.visibility}
              hint={orgIsPublic ? undefined : "While the organization is private, a public project counts as internal: nobody outside sees it."}
              options={[
                // A new project takes the organization's default unless one is chosen.
                ...(project ? [] : [{ value: "", label: "The organization's default" }]),
                ...PROJECT_VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_HINTS[v] })),
              ]}
            />
            {!disabled && <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>}
          </fieldset>
        );
      }}
    </ActionForm>
  );
}
