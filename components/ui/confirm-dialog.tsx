"use client";

import { useActionState, useEffect, useId, useState, type ReactNode } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { Button } from "./button";
import { DialogPanel } from "./dialog-panel";
import { fieldControlStyles } from "./field";
import { FormMessage } from "./form-message";
import { initialFormState, type FormAction } from "./form-state";
import { SubmitButton } from "./submit-button";
import { useFormStateToast } from "./use-form-state-toast";

type TypeToConfirmDialogProps = {
  triggerLabel: string;
  title: string;
  description: ReactNode;
  /** Text the user must type exactly, e.g. the org slug. */
  confirmText: string;
  action: FormAction;
  inputName: string;
  submitLabel: string;
  hiddenFields?: Record<string, string>;
};

export function TypeToConfirmDialog({ triggerLabel, title, description, ...formProps }: TypeToConfirmDialogProps) {
  const [open, setOpen] = useState(false);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="danger">{triggerLabel}</Button>
      </Dialog.Trigger>
      <DialogPanel title={title} description={description}>
        <ConfirmForm {...formProps} setOpen={setOpen} />
      </DialogPanel>
    </Dialog.Root>
  );
}

type ConfirmFormProps = Omit<TypeToConfirmDialogProps, "triggerLabel" | "title" | "description"> & {
  setOpen: (open: boolean) => void;
};

function ConfirmForm({ confirmText, action, inputName, submitLabel, hiddenFields, setOpen }: ConfirmFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const error = state?.fields?.[inputName] ?? (state && !state.ok ? state.message : undefined);

  // Errors are shown inline below; only success is toasted.
  useFormStateToast(state, { error: false });
  useEffect(() => {
    if (state?.ok) setOpen(false);
  }, [state, setOpen]);

  return (
    <form action={formAction} className="mt-5 space-y-4">
      {Object.entries(hiddenFields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm text-slate-900">
          Type <b className="font-semibold break-all">{confirmText}</b> to confirm
        </label>
        <input
          id={inputId}
          name={inputName}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={fieldControlStyles({ invalid: !!error })}
        />
        {error && (
          <p id={errorId} className="text-sm font-medium text-red-700">
            {error}
          </p>
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Dialog.Close asChild>
          <Button variant="secondary">Cancel</Button>
        </Dialog.Close>
        <SubmitButton variant="danger" disabled={typed !== confirmText}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}

type ConfirmDialogProps = {
  triggerLabel: string;
  title: string;
  description: ReactNode;
  action: FormAction;
  submitLabel: string;
  pendingLabel?: string;
  hiddenFields?: Record<string, string>;
  /** The trigger's look: a red button for what cannot be taken back, a plain one otherwise. */
  triggerVariant?: "danger" | "secondary";
};

/** A button that asks first, saying the consequence, before it runs its action (leave an organization…). */
export function ConfirmDialog({ triggerLabel, title, description, action, submitLabel, pendingLabel, hiddenFields, triggerVariant = "secondary" }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant={triggerVariant} className={triggerVariant === "secondary" ? "text-red-700 hover:text-red-800" : undefined}>
          {triggerLabel}
        </Button>
      </Dialog.Trigger>
      <DialogPanel title={title} description={description}>
        <PlainConfirmForm action={action} submitLabel={submitLabel} pendingLabel={pendingLabel} hiddenFields={hiddenFields} setOpen={setOpen} />
      </DialogPanel>
    </Dialog.Root>
  );
}

function PlainConfirmForm({ action, submitLabel, pendingLabel, hiddenFields, setOpen }: Pick<ConfirmDialogProps, "action" | "submitLabel" | "pendingLabel" | "hiddenFields"> & { setOpen: (open: boolean) => void }) {
  const [state, formAction] = useActionState(action, initialFormState);
  useFormStateToast(state, { error: false });
  useEffect(() => {
    if (state?.ok) setOpen(false);
  }, [state, setOpen]);
  return (
    <form action={formAction} className="mt-5 space-y-4">
      {Object.entries(hiddenFields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Dialog.Close asChild>
          <Button variant="secondary">Cancel</Button>
        </Dialog.Close>
        <SubmitButton variant="danger" pendingLabel={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
