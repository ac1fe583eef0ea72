import { CircleAlert, CircleCheck } from "lucide-react";
import type { IoDiff, SpecDiff } from "@/lib/hub/diff";

const show = (value: unknown) => (value === undefined || value === null ? "none" : JSON.stringify(value));

function IoChanges({ title, diff }: { title: string; diff: IoDiff }) {
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length;
  return (
    <div className="space-y-1">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      {none ? (
        <p className="text-sm text-slate-600">No change.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {diff.added.map((io) => (
            <li key={`+${io.name}`} className="break-words">
              <span className="font-semibold text-green-800">Added</span> <code>{io.name}</code> ({io.type}
              {io.default !== undefined ? `, default ${show(io.default)}` : io.optional ? ", optional" : ""})
            </li>
          ))}
          {diff.removed.map((io) => (
            <li key={`-${io.name}`} className="break-words">
              <span className="font-semibold text-red-700">Removed</span> <code>{io.name}</code> ({io.type})
            </li>
          ))}
          {diff.changed.map((c) => (
            <li key={`${c.name}.${c.field}`} className="break-words">
              <span className="font-semibold text-amber-800">Changed</span> <code>{c.name}</code> {c.field}: <code>{show(c.before)}</code> → <code>{show(c.after)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What changed between two versions, breaking changes first. */
export function SpecDiffView({ from, to, diff }: { from: number; to: number; diff: SpecDiff }) {
  const container = [
    ["Image", diff.image],
    ["Command", diff.command],
    ["Arguments", diff.args],
    ["Description", diff.description],
  ] as const;
  return (
    <section aria-label={`Changes from version ${from} to version ${to}`} className="space-y-4 rounded-md border border-slate-200 p-4">
      <h3 className="text-base font-semibold text-slate-900">
        Version {from} → version {to}
      </h3>
      {diff.breaking.length ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="flex items-center gap-2 font-semibold">
            <CircleAlert className="size-4" aria-hidden="true" /> Runs written for version {from} may fail on version {to}:
          </p>
          <ul className="mt-1 list-disc pl-6">
            {diff.breaking.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="flex items-center gap-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          <CircleCheck className="size-4" aria-hidden="true" /> Compatible: what ran on version {from} runs on version {to}.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <IoChanges title="Inputs" diff={diff.inputs} />
        <IoChanges title="Outputs" diff={diff.outputs} />
      </div>
      <div className="space-y-1">
        <h4 className="text-sm font-semibold text-slate-900">Container</h4>
        {container.every(([, c]) => c === null) ? (
          <p className="text-sm text-slate-600">No change.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {container.map(([label, c]) =>
              c === null ? null : (
                <li key={label} className="break-all">
                  <span className="font-semibold text-amber-800">{label}</span>: <code>{Array.isArray(c.before) ? c.before.join(" ") : c.before}</code> →{" "}
                  <code>{Array.isArray(c.after) ? c.after.join(" ") : c.after}</code>
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </section>
  );
}
