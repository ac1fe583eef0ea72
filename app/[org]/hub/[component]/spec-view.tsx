import { DataTable } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import type { ComponentSpec } from "@/lib/hub/spec";

const text = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/** A version's inputs and outputs as tables, and the container it runs: what a user of the component needs. */
export function SpecView({ spec, version }: { spec: ComponentSpec; version: number }) {
  return (
    <div className="space-y-4">
      {spec.description && <p className="text-sm break-words text-slate-700">{spec.description}</p>}
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900">Inputs</h3>
        <DataTable
          caption={`Inputs of version ${version}`}
          columns={[
            { key: "name", header: "Name", cardLabel: false },
            { key: "type", header: "Type" },
            { key: "default", header: "Default" },
            { key: "description", header: "Description" },
          ]}
          rows={spec.inputs.map((io) => ({
            key: io.name,
            cells: {
              name: (
                <span className="flex flex-wrap items-center gap-2">
                  <code className="font-medium break-all text-slate-900">{io.name}</code>
                  {io.optional ? <Badge tone="neutral">Optional</Badge> : io.default === undefined ? <Badge tone="amber">Required</Badge> : null}
                </span>
              ),
              type: <code>{io.type}</code>,
              default: io.default === undefined ? <span className="text-slate-600">None</span> : <code className="break-all">{text(io.default)}</code>,
              description: io.description ? <span className="break-words">{io.description}</span> : <span className="text-slate-600">None</span>,
            },
          }))}
          empty={<p className="text-sm text-slate-600">This version takes no inputs.</p>}
        />
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900">Outputs</h3>
        <DataTable
          caption={`Outputs of version ${version}`}
          columns={[
            { key: "name", header: "Name", cardLabel: false },
            { key: "type", header: "Type" },
            { key: "description", header: "Description" },
          ]}
          rows={spec.outputs.map((io) => ({
            key: io.name,
            cells: {
              name: <code className="font-medium break-all text-slate-900">{io.name}</code>,
              type: <code>{io.type}</code>,
              description: io.description ? <span className="break-words">{io.description}</span> : <span className="text-slate-600">None</span>,
            },
          }))}
          empty={<p className="text-sm text-slate-600">This version returns no outputs.</p>}
        />
      </div>
      <dl className="grid gap-3 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-semibold text-slate-900">Image</dt>
        <dd className="min-w-0">
          <code className="break-all">{spec.container.image}</code>
        </dd>
        <dt className="font-semibold text-slate-900">Command</dt>
        <dd className="min-w-0">
          <code className="break-all">{[...spec.container.command, ...spec.container.args].join(" ")}</code>
        </dd>
      </dl>
    </div>
  );
}
