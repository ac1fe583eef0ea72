"use client";

import { useActionState, useEffect, useId, useMemo, useState, type ReactNode } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { toast } from "sonner";
import type { OrgRole } from "./badge";
import { Button } from "./button";
import type { ButtonSize, ButtonVariant } from "./button-styles";
import { cn } from "./cn";
import { fieldControlStyles } from "./field";
import { FormMessage } from "./form-message";
import { initialFormState, type FormAction } from "./form-state";
import { SubmitButton } from "./submit-button";

/**
 * The action, with its result toasted the moment it arrives. A table row often disappears with the
 * action that succeeded (revoke, remove); a toast raised from the form's state would unmount with
 * the row and never show, this one does.
 */
function useToastingAction(action: FormAction, { errors }: { errors: boolean }) {
  const toasting = useMemo<FormAction>(
    () => async (state, formData) => {
      const result = await action(state, formData);
      if (result?.ok && result.message) toast.success(result.message);
      if (result && !result.ok && errors && result.message) toast.error(result.message);
      return result;
    },
    [action, errors],
  );
  return useActionState(toasting, initialFormState);
}

/** Visible text plus words for screen readers, so ten "Revoke" buttons in a table are told apart. */
function Label({ text, srText }: { text: string; srText?: string }) {
  return (
    <>
      {text}
      {srText && <span className="sr-only"> {srText}</span>}
    </>
  );
}

type HiddenFields = Record<string, string>;

function Hidden({ fields }: { fields?: HiddenFields }) {
  return Object.entries(fields ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

type RowButtonFormProps = {
  action: FormAction;
  fields?: HiddenFields;
  label: string;
  /** Read after the label by screen readers, e.g. "invitation for ann@example.com". */
  srLabel?: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** A one-button form for a table row: success and errors are toasted, also when the row goes away. */
export function RowButtonForm({ action, fields, label, srLabel, pendingLabel, variant = "secondary", size = "sm" }: RowButtonFormProps) {
  const [, formAction] = useToastingAction(action, { errors: true });
  return (
    // relative: screen-reader text is absolutely positioned; inside a scrolling table it must not widen the page.
    <form action={formAction} className="relative inline">
      <Hidden fields={fields} />
      <SubmitButton variant={variant} size={size} pendingLabel={pendingLabel}>
        <Label text={label} srText={srLabel} />
      </SubmitButton>
    </form>
  );
}

const ROLE_LABELS: Record<OrgRole, string> = { owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" };

type RoleSelectFormProps = {
  action: FormAction;
  fields?: HiddenFields;
  currentRole: OrgRole;
  /** The roles the acting person may choose here. */
  roles: readonly OrgRole[];
  /** Whose role it is, for screen readers: "Role for Ann Lee", "Change role for Ann Lee". */
  subject: string;
  submitLabel?: string;
};

/** A compact role picker with its own submit button, for a table row. Posts `role`. */
export function RoleSelectForm(props: RoleSelectFormProps) {
  // A saved change re-renders the row with a new current role: start afresh from it.
  return <RoleSelect key={props.currentRole} {...props} />;
}

function RoleSelect({ action, fields, currentRole, roles, subject, submitLabel = "Change" }: RoleSelectFormProps) {
  const [, formAction] = useToastingAction(action, { errors: true });
  const [selected, setSelected] = useState<OrgRole>(currentRole);
  const id = useId();
  const options = roles.includes(currentRole) ? roles : [currentRole, ...roles];
  return (
    // React resets a form after its action: the select goes back to its default, and so does the state.
    <form action={formAction} onReset={() => setSelected(currentRole)} className="relative flex items-center gap-2">
      <Hidden fields={fields} />
      <label htmlFor={id} className="sr-only">
        Role for {subject}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={currentRole}
        onChange={(event) => setSelected(event.target.value as OrgRole)}
        className={cn(fieldControlStyles({}), "h-8 w-auto min-w-28 py-0")}
      >
        {options.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…" disabled={selected === currentRole}>
        <Label text={submitLabel} srText={`role for ${subject}`} />
      </SubmitButton>
    </form>
  );
}

type ConfirmActionDialogProps = {
  triggerLabel: string;
  triggerSrLabel?: string;
  title: string;
  description: ReactNode;
  action: FormAction;
  fields?: HiddenFields;
  confirmLabel: string;
  pendingLabel: string;
};

/**
 * A button that asks before it acts: a dialog with Cancel and a red confirm button. Errors show in
 * the dialog, which stays open; success closes it and is toasted.
 */
export function ConfirmActionDialog({ triggerLabel, triggerSrLabel, title, description, ...form }: ConfirmActionDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="secondary" size="sm" className="relative text-red-700 hover:text-red-800">
          <Label text={triggerLabel} srText={triggerSrLabel} />
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-md border border-slate-200 bg-white p-6 shadow-lg focus:outline-none">
          <Dialog.Title className="pr-8 text-lg font-semibold break-words text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{description}</Dialog.Description>
          <ConfirmActionForm {...form} onDone={() => setOpen(false)} />
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

function ConfirmActionForm({
  action,
  fields,
  confirmLabel,
  pendingLabel,
  onDone,
}: Pick<ConfirmActionDialogProps, "action" | "fields" | "confirmLabel" | "pendingLabel"> & { onDone: () => void }) {
  const [state, formAction] = useToastingAction(action, { errors: false });
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="mt-5 space-y-4">
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <Hidden fields={fields} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Dialog.Close asChild>
          <Button variant="secondary">Cancel</Button>
        </Dialog.Close>
        <SubmitButton variant="danger" pendingLabel={pendingLabel}>
          {confirmLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
