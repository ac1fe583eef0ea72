import type { ComponentSpec } from "./spec";

type Io = { name: string; type: string; optional?: boolean; default?: unknown; description: string };
export type IoChange = { name: string; field: "type" | "default" | "optional" | "description"; before: unknown; after: unknown };
export type IoDiff = { added: Io[]; removed: Io[]; changed: IoChange[] };

export type SpecDiff = {
  inputs: IoDiff;
  outputs: IoDiff;
  image: { before: string; after: string } | null;
  command: { before: string[]; after: string[] } | null;
  args: { before: string[]; after: string[] } | null;
  description: { before: string; after: string } | null;
  /** Why a run written for the older version may fail on the newer one (empty: compatible). */
  breaking: string[];
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffIo(before: Io[], after: Io[], fields: IoChange["field"][]): IoDiff {
  const old = new Map(before.map((io) => [io.name, io]));
  const now = new Map(after.map((io) => [io.name, io]));
  const changed: IoChange[] = [];
  for (const [name, b] of old) {
    const a = now.get(name);
    if (!a) continue;
    for (const field of fields) if (!same(b[field], a[field])) changed.push({ name, field, before: b[field] ?? null, after: a[field] ?? null });
  }
  return { added: after.filter((io) => !old.has(io.name)), removed: before.filter((io) => !now.has(io.name)), changed };
}

const pair = <T>(before: T, after: T) => (same(before, after) ? null : { before, after });

/** What changed from one version's spec to another's: inputs and outputs, their types and defaults, the container. */
export function diffSpecs(before: ComponentSpec, after: ComponentSpec): SpecDiff {
  const inputs = diffIo(before.inputs, after.inputs, ["type", "default", "optional", "description"]);
  const outputs = diffIo(before.outputs, after.outputs, ["type", "description"]);
  const breaking = [
    ...inputs.added.filter((io) => !io.optional && io.default === undefined).map((io) => `New required input ${io.name}.`),
    ...inputs.removed.map((io) => `Input ${io.name} was removed.`),
    ...inputs.changed.filter((c) => c.field === "type").map((c) => `Input ${c.name} changed type from ${c.before} to ${c.after}.`),
    ...inputs.changed.filter((c) => c.field === "optional" && c.after === false).map((c) => `Input ${c.name} is no longer optional.`),
    ...outputs.removed.map((io) => `Output ${io.name} was removed.`),
    ...outputs.changed.filter((c) => c.field === "type").map((c) => `Output ${c.name} changed type from ${c.before} to ${c.after}.`),
  ];
  return {
    inputs,
    outputs,
    image: pair(before.container.image, after.container.image),
    command: pair(before.container.command, after.container.command),
    args: pair(before.container.args, after.container.args),
    description: pair(before.description, after.description),
    breaking,
  };
}
