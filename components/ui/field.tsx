import type { ReactNode } from "react";
import { cn } from "./cn";

type FieldBaseProps = {
  name: string;
  /** Defaults to the name; set it when two forms on one page share a field name. */
  id?: string;
  label: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
  required?: boolean;
};

type TextFieldProps = FieldBaseProps & {
  maxLength?: number;
  placeholder?: string;
  readOnly?: boolean;
};

export type FieldProps = TextFieldProps & { type?: string; autoComplete?: string };
export type TextAreaFieldProps = TextFieldProps & { rows?: number };
export type SelectFieldProps = FieldBaseProps & { options: { value: string; label: string }[] };

/** Shared look of inputs, textareas and selects. */
export function fieldControlStyles({ invalid, readOnly }: { invalid?: boolean; readOnly?: boolean }) {
  return cn(
    "block w-full rounded-md border px-3 py-2 text-sm shadow-sm placeholder:text-slate-500",
    "focus:outline-none focus:ring-2 focus:ring-indigo-600 focus:ring-offset-0",
    invalid ? "border-red-600" : "border-slate-300 focus:border-indigo-600",
    readOnly ? "bg-slate-50 text-slate-600" : "bg-white text-slate-900",
  );
}

function a11yProps({ id, name, hint, error }: Pick<FieldBaseProps, "id" | "name" | "hint" | "error">) {
  const key = id ?? name;
  const describedBy = [hint && `${key}-hint`, error && `${key}-error`].filter(Boolean).join(" ");
  return {
    id: key,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

function FieldFrame({
  id,
  name,
  label,
  hint,
  error,
  required,
  children,
}: Omit<FieldBaseProps, "defaultValue"> & { children: ReactNode }) {
  const key = id ?? name;
  return (
    <div className="space-y-1.5">
      <label htmlFor={key} className="block text-sm font-medium text-slate-900">
        {label}
        {required && (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      <FieldNotes id={key} hint={hint} error={error} />
    </div>
  );
}

/** A field's hint and error, under ids its control names in aria-describedby. */
function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

export function Field({ type = "text", autoComplete, maxLength, placeholder, readOnly, ...base }: FieldProps) {
  const { error, required, defaultValue } = base;
  return (
    <FieldFrame {...base}>
      <input
        {...a11yProps(base)}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        maxLength={maxLength}
        placeholder={placeholder}
        readOnly={readOnly}
        className={fieldControlStyles({ invalid: !!error, readOnly })}
      />
    </FieldFrame>
  );
}

export function TextAreaField({ rows = 4, maxLength, placeholder, readOnly, ...base }: TextAreaFieldProps) {
  const { error, required, defaultValue } = base;
  return (
    <FieldFrame {...base}>
      <textarea
        {...a11yProps(base)}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        maxLength={maxLength}
        placeholder={placeholder}
        readOnly={readOnly}
        className={fieldControlStyles({ invalid: !!error, readOnly })}
      />
    </FieldFrame>
  );
}

export function SelectField({ options, ...base }: SelectFieldProps) {
  const { error, required, defaultValue } = base;
  return (
    <FieldFrame {...base}>
      <select
        {...a11yProps(base)}
        // React applies a select's defaultValue only when it mounts: a new default (saved, or sent
        // back after a refused save) mounts a new select, so the form's reset shows it.
        key={defaultValue}
        defaultValue={defaultValue}
        required={required}
        className={fieldControlStyles({ invalid: !!error })}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type CheckboxFieldProps = {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
  disabled?: boolean;
  onChange?: (checked: boolean) => void;
};

/** A checkbox with its label beside it and its hint and error below, tied together for screen readers. */
export function CheckboxField({ name, id, label, hint, error, defaultChecked, disabled, onChange }: CheckboxFieldProps) {
  const key = id ?? name;
  const describedBy = [hint && `${key}-hint`, error && `${key}-error`].filter(Boolean).join(" ");
  return (
    <div className="flex items-start gap-3">
      <input
        id={key}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        disabled={disabled}
        onChange={onChange ? (e) => onChange(e.currentTarget.checked) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 disabled:opacity-60"
      />
      <div className="min-w-0 space-y-1">
        <label htmlFor={key} className="block text-sm font-medium text-slate-900">
          {label}
        </label>
        <FieldNotes id={key} hint={hint} error={error} />
      </div>
    </div>
  );
}
