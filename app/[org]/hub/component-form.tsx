"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";
import { SpecField } from "./spec-field";

/** A new hub component: name, description, README, tags and, optionally, its first version's spec. */
export function ComponentForm({ action, orgSlug }: { action: FormAction; orgSlug: string }) {
  return (
    <ActionForm action={action}>
      {(state) => {
        const value = (name: string) => state?.values?.[name] ?? "";
        return (
          <fieldset className="space-y-4">
            <legend className="sr-only">Component details</legend>
            <input type="hidden" name="currentSlug" value={orgSlug} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="component-name" name="name" label="Name" required maxLength={63} defaultValue={value("name")} error={state?.fields?.name} hint="Lower-case letters, digits, dots, dashes and underscores, e.g. train-classifier." />
              <Field id="component-tags" name="tags" label="Tags" maxLength={400} defaultValue={value("tags")} error={state?.fields?.tags} hint="Separated by commas, e.g. training, vision" />
            </div>
            <TextAreaField id="component-description" name="description" label="Description" rows={2} maxLength={2000} defaultValue={value("description")} error={state?.fields?.description} />
            <TextAreaField id="component-readme" name="readme" label="README" rows={4} maxLength={100000} defaultValue={value("readme")} error={state?.fields?.readme} hint="How to use it: shown on the component's page." />
            <SpecField id="component-spec" label="First version's YAML spec (optional)" value={value("spec")} error={state?.fields?.spec} />
            <SubmitButton pendingLabel="Creating…">Create component</SubmitButton>
          </fieldset>
        );
      }}
    </ActionForm>
  );
}
