import { createHash } from "node:crypto";
import { isMap, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";

/** The largest spec accepted, in bytes of YAML. */
export const MAX_SPEC_BYTES = 64 * 1024;

export const IO_TYPES = ["str", "int", "float", "bool", "dict", "list", "path", "artifact"] as const;
export type IoType = (typeof IO_TYPES)[number];

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "Use letters, digits and underscores (up to 64), starting with a letter or underscore.");

/** Whether a default value fits its declared type. */
const fitsType: Record<IoType, (v: unknown) => boolean> = {
  str: (v) => typeof v === "string",
  path: (v) => typeof v === "string",
  artifact: (v) => typeof v === "string",
  int: (v) => Number.isInteger(v),
  float: (v) => typeof v === "number" && Number.isFinite(v),
  bool: (v) => typeof v === "boolean",
  dict: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  list: (v) => Array.isArray(v),
};

const input = z
  .strictObject({
    name: identifier,
    type: z.enum(IO_TYPES, `Must be one of ${IO_TYPES.join(", ")}.`),
    description: z.string().max(2000).default(""),
    optional: z.boolean().default(false),
    default: z.unknown().optional(),
  })
  .superRefine((io, ctx) => {
    if (io.default !== undefined && !fitsType[io.type](io.default)) ctx.addIssue({ code: "custom", path: ["default"], message: `The default is not a ${io.type}.` });
  });

const output = z.strictObject({ name: identifier, type: z.enum(IO_TYPES, `Must be one of ${IO_TYPES.join(", ")}.`), description: z.string().max(2000).default("") });

const uniqueNames = (label: string) => (items: { name: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Another ${label} is already named ${item.name}.` });
    seen.add(item.name);
  });
};

const commandPart = z.string().min(1, "Must not be empty.").max(4000);

export const componentSpec = z.strictObject({
  description: z.string().max(2000).default(""),
  inputs: z.array(input).max(200).default([]).superRefine(uniqueNames("input")),
  outputs: z.array(output).max(200).default([]).superRefine(uniqueNames("output")),
  container: z.strictObject({
    image: z
      .string()
      .min(1, "Name the container image.")
      .max(500)
      .regex(/^[^\s]+$/, "An image reference has no spaces."),
    command: z.array(commandPart).min(1, "Give the command to run.").max(100),
    args: z.array(commandPart).max(200).default([]),
  }, { error: (issue) => (issue.input === undefined ? "Add a container with its image and command." : "Must be a mapping with image and command.") }),
});
export type ComponentSpec = z.output<typeof componentSpec>;

/** JSON with object keys sorted at every level: one spec, one text, one digest. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const specDigest = (spec: ComponentSpec) => `sha256:${createHash("sha256").update(canonicalJson(spec)).digest("hex")}`;

const at = (lines: LineCounter, offset: number | undefined) => {
  if (offset === undefined) return "";
  const { line, col } = lines.linePos(offset);
  return `Line ${line}, column ${col}: `;
};

/** Where in the source the value at a zod issue's path sits (the nearest existing parent). */
function offsetOf(doc: Document, path: PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return range[0];
  }
  return undefined;
}

const refuse = (message: string) => new ValidationError(message, { spec: message });

/**
 * Parses and validates a component spec written in YAML. The first problem is reported with its
 * line and column ("Line 4, column 11: inputs.0.type: Must be one of …"), under the field `spec`.
 */
export function parseComponentSpec(source: string): { spec: ComponentSpec; digest: string } {
  if (typeof source !== "string" || !source.trim()) throw refuse("Paste or upload the component's YAML spec.");
  if (Buffer.byteLength(source) > MAX_SPEC_BYTES) throw refuse(`The spec is larger than ${MAX_SPEC_BYTES / 1024} KiB.`);
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0];
    throw refuse(`${at(lines, first.pos[0])}${first.message.split("\n")[0]}`);
  }
  if (!isMap(doc.contents)) throw refuse(`${at(lines, offsetOf(doc, []))}The spec must be a mapping with inputs, outputs and container.`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw refuse((error as Error).message.split("\n")[0]);
  }
  const parsed = componentSpec.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key is reported at the key itself.
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
    const where = path.length ? `${path.join(".")}: ` : "";
    const message = issue.code === "unrecognized_keys" ? `Unknown key ${issue.keys[0]}.` : issue.message;
    throw refuse(`${at(lines, keyOffset(doc, issue.code === "unrecognized_keys" ? path : null) ?? offsetOf(doc, path))}${where}${message}`);
  }
  return { spec: parsed.data, digest: specDigest(parsed.data) };
}

/** The offset of a mapping key (for "unknown key" errors), or undefined. */
function keyOffset(doc: Document, path: PropertyKey[] | null): number | undefined {
  if (!path) return undefined;
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as (string | number)[], true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}
