"use client";

import { useActionState, type ReactNode } from "react";
import { FormMessage } from "./form-message";
import { initialFormState, type FormAction, type FormState } from "./form-state";
import { useFormStateToast } from "./use-form-state-toast";

type ActionFormProps = {
  action: FormAction;
  children: (state: FormState) => ReactNode;
  className?: string;
  successToast?: boolean;
};

export function ActionForm({
  action,
  children,
  className = "space-y-4",
  successToast = true,
}: ActionFormProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  // Errors show in the form itself (one announcement for screen readers); only success is toasted.
  useFormStateToast(state, { success: successToast, error: false });

  return (
    <form action={formAction} className={className}>
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      {children(state)}
    </form>
  );
}
