"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import type { FormAction } from "@/components/ui/form-state";
import { SpecField } from "../spec-field";

/** Upload a new version: the spec box starts from the latest version's YAML, to edit. */
export function UploadVersionForm({ action, fields, latest }: { action: FormAction; fields: Record<string, string>; latest: string }) {
  return (
    <ActionForm action={action}>
      {(state) => (
        <>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {/* A refused upload keeps what was typed; after a good one the box starts again from the new latest. */}
          <SpecField key={state?.ok ? latest : "editing"} id="version-spec" required value={state && !state.ok ? (state.values?.spec ?? "") : latest} error={state?.fields?.spec} />
          <SubmitButton pendingLabel="Uploading…">Upload version</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
