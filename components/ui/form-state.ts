import type { FormState } from "@/lib/http/forms";

export type { FormState };

export const initialFormState: FormState = null;

export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
