import { AppError, toAppError } from "@/lib/errors";

/** What a server action hands back to its form (see components/ui/form-state.ts). */
export type ActionResult = { ok: boolean; message?: string; fields?: Record<string, string>; values?: Record<string, string>; nonce?: number };

/** Turns a FormData into plain strings for a service's zod schema. */
export const formValues = (formData: FormData) =>
  Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")).map(([k, v]) => [k, v as string]));

/**
 * Runs a form's service call and maps failures to field errors; the submitted values come back so
 * the form keeps what the person typed. Redirects thrown by `next/navigation` pass through.
 */
export async function formAction(formData: FormData, run: (values: Record<string, string>) => Promise<string | void>): Promise<ActionResult> {
  const values = formValues(formData);
  try {
    const message = await run(values);
    return { ok: true, message: message ?? undefined, nonce: Date.now() };
  } catch (error) {
    if (!(error instanceof AppError) && !(error instanceof Error && error.name === "ZodError")) throw error;
    const appError = toAppError(error);
    const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password|confirm/i.test(k)));
    return { ok: false, message: appError.message, fields: appError.fields, values: safeValues, nonce: Date.now() };
  }
}
