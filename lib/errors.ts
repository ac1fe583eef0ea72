import { ZodError, type ZodType, type infer as zinfer } from "zod";

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super("validation_failed", 400, message, fields);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super("unauthenticated", 401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super("forbidden", 403, message);
  }
}
/** A member of an organization that requires SSO, signed in some other way. */
export class SsoRequiredError extends AppError {
  constructor(message = "This organization requires single sign-on: sign in through its SSO and try again.") {
    super("sso_required", 403, message);
  }
}
export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super("not_found", 404, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super("conflict", 409, message, fields);
  }
}
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    reason = "Too many attempts.",
  ) {
    super("rate_limited", 429, `${reason} Try again in ${formatWait(retryAfterSeconds)}.`);
  }
}

function formatWait(seconds: number) {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `about ${Math.ceil(seconds / 3600)} hours`;
}

function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * The path of the first string holding a NUL character ("" for the input itself), or null.
 * PostgreSQL text cannot hold one, so such input is refused before any query.
 */
export function nulPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\0") ? path : null;
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Parses a service's input; a bad one becomes a ValidationError with a message per field. */
export function parseInput<S extends ZodType>(schema: S, input: unknown): zinfer<S> {
  const nul = nulPath(input);
  if (nul !== null) throw new ValidationError("The input contains a NUL character.", { [nul || "_"]: "Remove the NUL character." });
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError("Please correct the highlighted fields.", fieldErrorsOf(result.error));
  return result.data;
}

/** Every known failure becomes an AppError; anything else is a bug and is rethrown. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  throw error;
}
