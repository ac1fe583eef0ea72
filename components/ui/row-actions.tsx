"use client";

import { createContext, useActionState, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { toast } from "sonner";
import { ROLE_LABELS, type OrgRole } from "@/lib/authz/roles";
import { Button } from "./button";
import type { ButtonSize, ButtonVariant } from "./button-styles";
import { cn } from "./cn";
import { DialogPanel } from "./dialog-panel";
import { fieldControlStyles } from "./field";
import { FormMessage } from "./form-message";
import { initialFormState, type FormAction, type FormState } from "./form-state";
import { SubmitButton } from "./submit-button";

/*
 * Controls for the rows of a table. A table of 25 rows should not carry 25 dialogs, 25 copies of a
 * dialog's text and 25 copies of the fields every row posts: wrap the table in one <RowActions>,
 * which holds what the rows share (posted fields, one confirm dialog and its text) and runs their
 * actions. Each row then only carries its own small controls with its own id and name.
 */

type PostedFields = Record<string, string>;

type RunOptions = {
  /** Posted with the form's own fields, e.g. the id of what the row is about. */
  fields?: PostedFields;
  toastErrors?: boolean;
};

type ConfirmRequest = {
  action: FormAction;
  fields?: PostedFields;
  /** Shown in the dialog's text through <RowValue name="…" />. */
  values: Record<string, string>;
  /** The button that opened the dialog: focus goes back to it when the dialog closes. */
  trigger: HTMLElement;
};

/** An open (or last opened) confirm dialog. */
type OpenConfirm = ConfirmRequest & {
  id: number;
  /** Focus goes here when the trigger went away with its row: the table's scrollable region. */
  fallback: HTMLElement | null;
};

type RowActionsContextValue = {
  run: (action: FormAction, formData: FormData, options?: RunOptions) => Promise<FormState>;
  confirm: ((request: ConfirmRequest) => void) | null;
};

/**
 * Runs the action with the shared fields, and toasts its result the moment it arrives. A table row
 * often disappears with the action that succeeded (revoke, remove): a toast raised from the row's
 * state would unmount with the row and never show, this one does.
 */
async function runAction(action: FormAction, formData: FormData, shared: PostedFields, { fields, toastErrors = true }: RunOptions = {}) {
  // Set here rather than as hidden inputs: a table's HTML need not repeat them in every row.
  for (const [name, value] of Object.entries({ ...shared, ...fields })) formData.set(name, value);
  const result = await action(initialFormState, formData);
  if (result?.ok && result.message) toast.success(result.message);
  if (result && !result.ok && toastErrors && result.message) toast.error(result.message);
  return result;
}

/** Outside a <RowActions> (a single list, e.g. your invitations on /orgs), a control runs its action on its own. */
const standalone: RowActionsContextValue = { run: (action, formData, options) => runAction(action, formData, {}, options), confirm: null };

const RowActionsContext = createContext<RowActionsContextValue>(standalone);
const RowValuesContext = createContext<Record<string, string>>({});

type ConfirmCopy = {
  /** May contain <RowValue name="…" />, filled in from the row whose button opened the dialog. */
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
};

type RowActionsProps = {
  /** Posted with every row's action, e.g. the organization's slug. */
  fields?: PostedFields;
  /** The one dialog that <RowConfirmButton>s in the table open. */
  confirm?: ConfirmCopy;
  children: ReactNode;
};

/** One per table: shared fields, one confirm dialog, and the toasts of every row's actions. */
export function RowActions({ fields, confirm, children }: RowActionsProps) {
  const [request, setRequest] = useState<OpenConfirm | null>(null);
  const [open, setOpen] = useState(false);
  const opened = useRef(0);
  const value = useMemo<RowActionsContextValue>(
    () => ({
      run: (action, formData, options) => runAction(action, formData, fields ?? {}, options),
      confirm: confirm
        ? (next) => {
            opened.current += 1;
            setRequest({ ...next, id: opened.current, fallback: next.trigger.parentElement?.closest<HTMLElement>("[tabindex]") ?? null });
            setOpen(true);
          }
        : null,
    }),
    [fields, confirm],
  );
  const close = useCallback(() => setOpen(false), []);

  return (
    <RowActionsContext.Provider value={value}>
      {children}
      {confirm && request && (
        <Dialog.Root open={open} onOpenChange={setOpen}>
          <RowValuesContext.Provider value={request.values}>
            <DialogPanel
              title={confirm.title}
              description={confirm.description}
              onCloseAutoFocus={(event) => {
                // There is no Dialog.Trigger for Radix to return to: back to the button that opened it,
                // or to its table when the row went away (removed).
                event.preventDefault();
                [request.trigger, request.fallback].find((element) => element?.isConnected)?.focus();
              }}
            >
              <ConfirmForm key={request.id} request={request} copy={confirm} run={value.run} onDone={close} />
            </DialogPanel>
          </RowValuesContext.Provider>
        </Dialog.Root>
      )}
    </RowActionsContext.Provider>
  );
}

/** A value of the row whose button opened the confirm dialog, for the dialog's title and text. */
export function RowValue({ name }: { name: string }) {
  return useContext(RowValuesContext)[name] ?? null;
}

/** Errors show in the dialog, which stays open; success closes it and is toasted. */
function ConfirmForm({
  request,
  copy,
  run,
  onDone,
}: {
  request: ConfirmRequest;
  copy: ConfirmCopy;
  run: RowActionsContextValue["run"];
  onDone: () => void;
}) {
  const [state, formAction] = useActionState((_: FormState, formData: FormData) => run(request.action, formData, { fields: request.fields, toastErrors: false }), initialFormState);
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="mt-5 space-y-4">
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Dialog.Close asChild>
          <Button variant="secondary">Cancel</Button>
        </Dialog.Close>
        <SubmitButton variant="danger" pendingLabel={copy.pendingLabel}>
          {copy.confirmLabel}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Visible text plus words for screen readers, so ten "Revoke" buttons in a table are told apart. */
function Label({ text, srText }: { text: string; srText?: string }) {
  return (
    <>
      {text}
      {srText && <span className="sr-only">{` ${srText}`}</span>}
    </>
  );
}

type RowButtonFormProps = {
  action: FormAction;
  fields?: PostedFields;
  label: string;
  /** Read after the label by screen readers, e.g. "invitation for ann@example.com". */
  srLabel?: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** A one-button form for a table row: success and errors are toasted, also when the row goes away. */
export function RowButtonForm({ action, fields, label, srLabel, pendingLabel, variant = "secondary", size = "sm" }: RowButtonFormProps) {
  const { run } = useContext(RowActionsContext);
  return (
    // relative: screen-reader text is absolutely positioned; inside a scrolling table it must not widen the page.
    <form action={(formData) => run(action, formData, { fields }).then(() => undefined)} className="relative inline">
      <SubmitButton variant={variant} size={size} pendingLabel={pendingLabel}>
        <Label text={label} srText={srLabel} />
      </SubmitButton>
    </form>
  );
}

type RowConfirmButtonProps = {
  action: FormAction;
  fields?: PostedFields;
  /** For the dialog's <RowValue>s. */
  values: Record<string, string>;
  label: string;
  srLabel?: string;
};

/** A red button that opens the table's confirm dialog (see <RowActions confirm>) for its row. */
export function RowConfirmButton({ action, fields, values, label, srLabel }: RowConfirmButtonProps) {
  const { confirm } = useContext(RowActionsContext);
  if (!confirm) throw new Error("RowConfirmButton needs a <RowActions confirm={…}> around its table.");
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-haspopup="dialog"
      className="relative text-red-700 hover:text-red-800"
      onClick={(event) => confirm({ action, fields, values, trigger: event.currentTarget })}
    >
      <Label text={label} srText={srLabel} />
    </Button>
  );
}

/** What a confirm dialog says before a role change goes ahead. */
export type RoleChangeConfirm = { title: ReactNode; description: ReactNode; confirmLabel: string };

type RoleSelectFormProps = {
  action: FormAction;
  fields?: PostedFields;
  currentRole: OrgRole;
  /** The roles the acting person may choose here. */
  roles: readonly OrgRole[];
  /** Whose role it is, for screen readers: "Role for Ann Lee", "Change role for Ann Lee". */
  subject: string;
  submitLabel?: string;
  /** Roles that ask first (e.g. making someone an owner): the dialog's words for the chosen role, or null to go ahead. */
  confirmRole?: (role: OrgRole) => RoleChangeConfirm | null;
};

/** A compact role picker with its own submit button, for a table row. Posts `role`. */
export function RoleSelectForm(props: RoleSelectFormProps) {
  // A saved change re-renders the row with a new current role: start afresh from it.
  return <RoleSelect key={props.currentRole} {...props} />;
}

function RoleSelect({ action, fields, currentRole, roles, subject, submitLabel = "Change", confirmRole }: RoleSelectFormProps) {
  const { run } = useContext(RowActionsContext);
  const [selected, setSelected] = useState<OrgRole>(currentRole);
  const [asking, setAsking] = useState<RoleChangeConfirm | null>(null);
  const confirmed = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const options = roles.includes(currentRole) ? roles : [currentRole, ...roles];
  return (
    // React resets a form after its action: the select goes back to its default, and so does the state.
    <form
      ref={form}
      action={(formData) => run(action, formData, { fields }).then(() => undefined)}
      onSubmit={(event) => {
        const copy = confirmed.current ? null : (confirmRole?.(selected) ?? null);
        confirmed.current = false;
        if (!copy) return;
        event.preventDefault();
        setAsking(copy);
      }}
      onReset={() => setSelected(currentRole)}
      className="relative flex items-center gap-2"
    >
      <label htmlFor={id} className="sr-only">
        {`Role for ${subject}`}
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
            {ROLE_LABELS.org[role]}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…" disabled={selected === currentRole}>
        <Label text={submitLabel} srText={`role for ${subject}`} />
      </SubmitButton>
      {asking && (
        <Dialog.Root open onOpenChange={(open) => !open && setAsking(null)}>
          <DialogPanel title={asking.title} description={asking.description}>
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
                {asking.confirmLabel}
              </Button>
            </div>
          </DialogPanel>
        </Dialog.Root>
      )}
    </form>
  );
}
