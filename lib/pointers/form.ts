import { AppError } from "@/lib/errors";
import type { UntrustedInput } from "@/lib/http/untrusted";

/**
 * The form of several pointer moves (components/pointers/moves-form.tsx) posts, for each pointer,
 * `to:<name>` ("" keeps it, "remove", or a version number) and `expected:<name>` (the version it
 * showed), and at most one new pointer as `newName` + `newVersion`. This turns them into the body
 * the API takes (lib/pointers/schemas pointerMovesInput), and remembers which field each move came
 * from so the service's errors land next to the right field.
 */
export function movesFromForm(values: UntrustedInput): { input: { moves: UntrustedInput[]; reason: UntrustedInput }; fieldOf: string[] } {
  const moves: UntrustedInput[] = [];
  const fieldOf: string[] = [];
  const version = (raw: string) => (/^\d{1,10}$/.test(raw) ? Number(raw) : raw);
  for (const [key, raw] of Object.entries(values as Record<string, string>)) {
    if (!key.startsWith("to:") || raw === "") continue;
    const name = key.slice(3);
    const expected = values[`expected:${name}`];
    moves.push({ name, version: raw === "remove" ? null : version(raw), ...(typeof expected === "string" && expected !== "" ? { expected: version(expected) } : {}) });
    fieldOf.push(key);
  }
  const newName = typeof values.newName === "string" ? values.newName.trim() : "";
  if (newName !== "" || (typeof values.newVersion === "string" && values.newVersion !== "")) {
    moves.push({ name: newName, version: version(String(values.newVersion ?? "")) });
    fieldOf.push("newName");
  }
  return { input: { moves, reason: values.reason ?? "" }, fieldOf };
}

/** The service's error with its field names turned into the form's ("moves.2.version" → "to:staging"). */
export function formFieldsOf(error: unknown, fieldOf: string[], names: string[]): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields)) {
    const index = /^moves\.(\d+)/.exec(key);
    const byName = names.indexOf(key);
    const moved = index ? (fieldOf[Number(index[1])] ?? "newName") : null;
    const field = moved === "newName" && key.endsWith(".version") ? "newVersion" : (moved ?? (byName >= 0 ? fieldOf[byName] : key === "moves" ? "newName" : key));
    fields[field] ??= message;
  }
  return new AppError(error.code, error.status, error.message, fields);
}

/** "Moved @production to version 3, removed @old." from the moves asked for and where the pointers stand now. */
export function movedMessage(moves: unknown[], now: { name: string; version: number }[], prefix: string): string {
  const at = new Map(now.map((p) => [p.name, p.version]));
  const names = (moves as { name: string }[]).map((m) => m.name.trim().toLowerCase());
  return `Moved ${names.map((n) => (at.has(n) ? `${prefix}${n} to version ${at.get(n)}` : `removed ${prefix}${n}`)).join(", ")}.`;
}

/** The names of the moves, for formFieldsOf. */
export const moveNames = (moves: unknown[]) => (moves as { name: string }[]).map((m) => m.name);
