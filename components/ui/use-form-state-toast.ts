import { useEffect, useRef } from "react";
import { toast } from "sonner";
import type { FormState } from "./form-state";

/**
 * Toasts each new action result once: success messages, and errors that
 * aren't tied to a field (field errors are shown next to their inputs).
 */
export function useFormStateToast(state: FormState, { success = true, error = true } = {}) {
  // Effects can re-run for a state already handled (e.g. an <Activity> boundary
  // re-showing the form), so remember the last result that was toasted.
  const handled = useRef<FormState>(null);

  useEffect(() => {
    if (!state?.message || handled.current === state) return;
    handled.current = state;
    if (state.ok && success) toast.success(state.message);
    if (!state.ok && !state.fields && error) toast.error(state.message);
  }, [state, success, error]);
}
