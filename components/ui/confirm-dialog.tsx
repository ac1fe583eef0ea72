"use client";

import { useActionState, useEffect, useId, useState, type ReactNode } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { Button } from "./button";
import { fieldControlStyles } from "./field";
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
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-md border border-slate-200 bg-white p-6 shadow-lg focus:outline-none">
          <Dialog.Title className="pr-8 text-lg font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{description}</Dialog.Description>
          <ConfirmForm {...formProps} setOpen={setOpen} />
          <Dialog.Close
            className="absolute top-4 right-4 rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
            aria-label="Close"
          >
            <X className="size-4" aria-hidden="true" />
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
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
