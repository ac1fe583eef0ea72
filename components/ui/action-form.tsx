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
  useFormStateToast(state, { success: successToast });

  return (
    <form action={formAction} className={className}>
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      {children(state)}
    </form>
  );
}
