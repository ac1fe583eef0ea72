export type FormState = {
  ok: boolean;
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
  nonce?: number;
} | null;

export const initialFormState: FormState = null;

export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
