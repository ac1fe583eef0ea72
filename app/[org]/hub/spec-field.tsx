"use client";

import { cn } from "@/components/ui/cn";
import { fieldControlStyles } from "@/components/ui/field";

export const SPEC_EXAMPLE = `description: Train a classifier
inputs:
  - name: learning_rate
    type: float
    default: 0.001
  - name: epochs
    type: int
    default: 10
outputs:
  - name: model
    type: artifact
container:
  image: ghcr.io/acme/train:1.0
  command: [python, train.py]
`;

/**
 * The YAML spec box. When the parser refuses the spec ("Line 4, column 11: …"), the error sits under
 * the box with the lines around the wrong one, that one marked, so the fix is found without counting.
 */
export function SpecField({ id, error, value, required, label = "YAML spec" }: { id: string; error?: string; value: string; required?: boolean; label?: string }) {
  const line = error ? Number(/^Line (\d+)/.exec(error)?.[1] ?? 0) : 0;
  const lines = value.split("\n");
  const excerpt = line > 0 && line <= lines.length ? lines.map((text, i) => ({ n: i + 1, text })).slice(Math.max(line - 3, 0), line + 2) : [];
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {required && (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <textarea
        id={id}
        name="spec"
        rows={14}
        required={required}
        defaultValue={value}
        spellCheck={false}
        autoCapitalize="none"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error && errorId].filter(Boolean).join(" ")}
        placeholder={SPEC_EXAMPLE}
        className={cn(fieldControlStyles({ invalid: !!error }), "font-mono text-xs leading-5")}
      />
      <p id={hintId} className="text-sm text-slate-600">
        Inputs and outputs (name, type: str, int, float, bool, dict, list, path or artifact; default; optional), and the container&apos;s image and command. The
        same spec twice is the same version.
      </p>
      {error && (
        <div id={errorId} className="space-y-1">
          <p className="text-sm font-medium text-red-700">{error}</p>
          {excerpt.length > 0 && (
            <pre aria-hidden="true" className="overflow-x-auto rounded-md border border-red-200 bg-red-50 p-2 font-mono text-xs leading-5 text-slate-800">
              {excerpt.map(({ n, text }) => (
                <span key={n} className={cn("block", n === line && "bg-red-200 font-semibold text-red-900")}>
                  {`${String(n).padStart(3)} ${n === line ? "›" : " "} ${text}`}
                </span>
              ))}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
