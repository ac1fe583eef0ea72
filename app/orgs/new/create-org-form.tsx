"use client";

import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { suggestSlug } from "@/lib/orgs/schemas";
import { createOrgAction } from "./actions";

export function CreateOrgForm() {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  return (
    <ActionForm action={createOrgAction} successToast={false}>
      {(state) => (
        <>
          {/* The slug follows the name until the person edits it. */}
          <div onChange={(e) => setName((e.target as HTMLInputElement).value)}>
            <Field name="name" label="Name" required maxLength={80} defaultValue={state?.values?.name} error={state?.fields?.name} />
          </div>
          <SlugField value={slug ?? suggestSlug(name)} onChange={setSlug} error={state?.fields?.slug} />
          <TextAreaField name="description" label="Description" rows={3} maxLength={500} defaultValue={state?.values?.description} error={state?.fields?.description} />
          <Field name="website" label="Website" type="url" placeholder="https://example.com" defaultValue={state?.values?.website} error={state?.fields?.website} />
          <SubmitButton pendingLabel="Creating…">Create organization</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

function SlugField({ value, onChange, error }: { value: string; onChange: (slug: string) => void; error?: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor="slug" className="block text-sm font-medium text-slate-900">
        URL
      </label>
      <div className="flex rounded-md shadow-sm">
        <span className="inline-flex items-center rounded-l-md border border-r-0 border-slate-300 bg-slate-50 px-3 text-sm text-slate-600">atrium/</span>
        <input
          id="slug"
          name="slug"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required
          maxLength={39}
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "slug-error slug-hint" : "slug-hint"}
          className="block w-full min-w-0 rounded-r-md border border-slate-300 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:border-red-600"
        />
      </div>
      <p id="slug-hint" className="text-sm text-slate-600">
        Lower-case letters, digits and hyphens. You can change it later; old links keep working.
      </p>
      {error && (
        <p id="slug-error" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
