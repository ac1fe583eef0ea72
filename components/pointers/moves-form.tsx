"use client";

import { useActionState, useRef, useState } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { Button, SubmitButton } from "@/components/ui/button";
import { DialogPanel } from "@/components/ui/dialog-panel";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { initialFormState, type FormAction } from "@/components/ui/form-state";
import { useFormStateToast } from "@/components/ui/use-form-state-toast";

export type MovablePointer = { name: string; version: number; protected?: boolean; note?: string };

type PointerMovesFormProps = {
  action: FormAction;
  /** Posted with the moves, e.g. the organization and the model. */
  fields: Record<string, string>;
  pointers: MovablePointer[];
  /** The entry's version numbers, newest first. */
  versions: number[];
  /** "@" before alias names; nothing before tags. */
  prefix: string;
  noun: "alias" | "tag";
};

/**
 * Several pointer moves sent as one request, all applied or none (lib/pointers/form.ts reads it).
 * Moving a protected pointer asks first, naming what it moves.
 */
export function PointerMovesForm({ action, fields, pointers, versions, prefix, noun }: PointerMovesFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  useFormStateToast(state, { error: false });
  const form = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const [asking, setAsking] = useState<string[] | null>(null);
  const label = (name: string) => `${prefix}${name}`;
  const versionOptions = versions.map((v) => ({ value: String(v), label: `Version ${v}` }));
  const plural = noun === "alias" ? "aliases" : "tags";
  // React resets the form after each action: a refused request keeps what was chosen.
  const kept = (name: string) => (state && !state.ok ? (state.values?.[name] ?? "") : "");

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        if (confirmed.current) {
          confirmed.current = false;
          return;
        }
        const data = new FormData(event.currentTarget);
        const guarded = pointers.filter((p) => p.protected && data.get(`to:${p.name}`));
        if (!guarded.length) return;
        event.preventDefault();
        setAsking(guarded.map((p) => label(p.name)));
      }}
      className="space-y-4"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      {pointers.length > 0 && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">Current {plural}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {pointers.map((p) => (
              <div key={p.name}>
                <input type="hidden" name={`expected:${p.name}`} value={String(p.version)} />
                <SelectField
                  id={`move-${p.name}`}
                  name={`to:${p.name}`}
                  label={`${label(p.name)}, now version ${p.version}`}
                  defaultValue={kept(`to:${p.name}`)}
                  error={state?.fields?.[`to:${p.name}`]}
                  hint={p.note}
                  options={[
                    { value: "", label: `Keep at version ${p.version}` },
                    ...versionOptions.filter((o) => o.value !== String(p.version)).map((o) => ({ value: o.value, label: `Move to ${o.label.toLowerCase()}` })),
                    { value: "remove", label: `Remove ${label(p.name)}` },
                  ]}
                />
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{pointers.length ? `Add ${noun === "alias" ? "an alias" : "a tag"}` : `The first ${noun}`}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id={`new-${noun}-name`}
            name="newName"
            label={`New ${noun}`}
            maxLength={63}
            placeholder={noun === "alias" ? "production" : "stable"}
            error={state?.fields?.newName}
            hint="Lower-case letters, digits, dots, dashes and underscores."
            defaultValue={kept("newName")}
          />
          <SelectField
            id={`new-${noun}-version`}
            name="newVersion"
            label="Points to"
            defaultValue={kept("newVersion")}
            error={state?.fields?.newVersion}
            options={[{ value: "", label: "Choose a version" }, ...versionOptions]}
          />
        </div>
      </fieldset>
      <Field id={`${noun}-move-reason`} name="reason" label="Reason" maxLength={500} error={state?.fields?.reason} hint="Kept in the history with your name and the time." defaultValue={kept("reason")} />
      <SubmitButton pendingLabel="Moving…">Apply these moves</SubmitButton>
      {asking && (
        <Dialog.Root open onOpenChange={(open) => !open && setAsking(null)}>
          <DialogPanel
            title={`Move protected ${asking.length > 1 ? plural : noun} ${asking.join(", ")}?`}
            description={`${asking.join(", ")} ${asking.length > 1 ? "are" : "is"} protected: whatever reads ${asking.length > 1 ? "them" : "it"} (a deployment, a pipeline) gets the new version on its next lookup. Every move in this request is applied together, or none is.`}
          >
            <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Dialog.Close asChild>
                <Button variant="secondary">Cancel</Button>
              </Dialog.Close>
              <Button
                variant="danger"
                onClick={() => {
                  confirmed.current = true;
                  setAsking(null);
                  form.current?.requestSubmit();
                }}
              >
                Move {asking.length > 1 ? plural : noun}
              </Button>
            </div>
          </DialogPanel>
        </Dialog.Root>
      )}
    </form>
  );
}
