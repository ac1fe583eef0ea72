"use client";

import { ActionForm } from "./action-form";
import type { ButtonSize, ButtonVariant } from "./button-styles";
import type { FormAction } from "./form-state";
import { SubmitButton } from "./submit-button";

type ButtonFormProps = {
  action: FormAction;
  /** Hidden fields posted with the button, e.g. the id of what it acts on. */
  fields?: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** A form that is one button: revoke, leave, verify. Errors and success come back as toasts or inline. */
export function ButtonForm({ action, fields, label, pendingLabel, variant = "secondary", size = "sm" }: ButtonFormProps) {
  return (
    <ActionForm action={action} className="inline">
      {() => (
        <>
          {Object.entries(fields ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <SubmitButton size={size} variant={variant} pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
