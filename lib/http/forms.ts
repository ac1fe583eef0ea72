import { AppError } from "@/lib/errors";
import type { UntrustedInput } from "./untrusted";

/** What a server action hands back to its form: a message, field errors, the values to keep, data to show once. */
export type ActionResult = { ok: boolean; message?: string; fields?: Record<string, string>; values?: Record<string, string>; data?: Record<string, string> };
export type FormState = ActionResult | null;


/** Turns a FormData into plain strings for a service's zod schema. */
const formValues = (formData: FormData): UntrustedInput =>
  Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")));

/**
 * Runs a form's service call and maps failures to field errors; the submitted values come back so
 * the form keeps what the person typed. Redirects thrown by `next/navigation` pass through.
 */
export async function formAction(
  formData: FormData,
  run: (values: UntrustedInput) => Promise<string | void | { message: string; data: Record<string, string> }>,
): Promise<ActionResult> {
  const values = formValues(formData);
  try {
    const result = await run(values);
    return typeof result === "object" ? { ok: true, ...result } : { ok: true, message: result ?? undefined };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const safeValues: Record<string, string> = Object.fromEntries(Object.entries(values as Record<string, string>).filter(([k]) => !/password|secret|confirm/i.test(k)));
    return { ok: false, message: error.message, fields: error.fields, values: safeValues };
  }
}
