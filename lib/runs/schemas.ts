import { z } from "zod";
import { keysetQuery } from "@/lib/pagination";
import { entryName } from "@/lib/pointers/schemas";
import { MAX_SNAPSHOT_BYTES } from "@/lib/registry/schemas";
import { INITIAL_STATUSES, RUN_KINDS, RUN_STATUSES } from "./status";

/** The most runs one request creates, and the most artifacts one request adds. */
export const MAX_RUNS_PER_BATCH = 1000;
export const MAX_ARTIFACTS_PER_BATCH = 1000;
/** The most runs one bulk action acts on. */
export const MAX_BULK_RUNS = 500;

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const digest = z.string().regex(DIGEST, "A digest is sha256: followed by 64 lower-case hex digits.");

/** A params or summary-metrics object, at most 64 KiB of JSON. */
const snapshot = (label: string) =>
  z
    .record(z.string().max(200, "Keys are at most 200 characters."), z.unknown())
    .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_SNAPSHOT_BYTES, `The ${label} are larger than ${MAX_SNAPSHOT_BYTES / 1024} KiB of JSON.`);

export const runTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Tags cannot be empty.")
  .max(40, "Keep each tag under 40 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]*$/u, "Tags are letters, digits, dots, colons, dashes and underscores.");
const tagList = z
  .array(runTag)
  .max(20, "Use at most 20 tags.")
  .transform((list) => [...new Set(list)]);

const runName = z.string().trim().max(200, "Keep the name under 200 characters.");
const description = z.string().trim().max(2000, "Keep the description under 2,000 characters.");
const reason = z.string().trim().max(500, "Keep the reason under 500 characters.");
const upstream = z.array(z.uuid("Name upstream runs by id.")).max(100, "At most 100 upstream runs.").transform((ids) => [...new Set(ids)]);

export const runInput = z.strictObject({
  name: runName.default(""),
  description: description.default(""),
  kind: z.enum(RUN_KINDS, `Choose one of ${RUN_KINDS.join(", ")}.`).default("experiment"),
  status: z.enum(INITIAL_STATUSES, `A run starts as ${INITIAL_STATUSES.join(", ")}.`).default("created"),
  inputs: snapshot("inputs").default({}),
  outputs: snapshot("outputs").default({}),
  tags: tagList.default([]),
  componentDigest: digest.nullable().default(null),
  /** Runs (ids) whose outputs this run used. */
  upstream: upstream.default([]),
});

/** The most lineage edges one batch adds (each is a row of one insert). */
export const MAX_EDGES_PER_BATCH = 5000;

export const createRunsInput = z.strictObject({
  runs: z
    .array(runInput)
    .min(1, "Send at least one run.")
    .max(MAX_RUNS_PER_BATCH, `At most ${MAX_RUNS_PER_BATCH.toLocaleString("en-US")} runs per request.`)
    .refine((list) => list.reduce((n, r) => n + r.upstream.length, 0) <= MAX_EDGES_PER_BATCH, `At most ${MAX_EDGES_PER_BATCH.toLocaleString("en-US")} upstream links per request.`),
});

/** outputs are merged into the run's (a key set to null is removed); upstream adds lineage edges. */
export const updateRunInput = z.strictObject({
  status: z.enum(RUN_STATUSES, `Choose one of ${RUN_STATUSES.join(", ")}.`).optional(),
  reason: reason.default(""),
  outputs: snapshot("outputs").optional(),
  name: runName.optional(),
  description: description.optional(),
  upstream: upstream.optional(),
});

export const artifactInput = z.strictObject({
  path: z.string().trim().min(1, "Give the artifact's path.").max(1000, "Keep the path under 1,000 characters."),
  kind: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, "A kind is up to 40 lower-case letters, digits, dots, dashes and underscores (model, dataset, file…).")
    .default("file"),
  size: z.number("A size is a number of bytes.").int("A size is a whole number of bytes.").min(0, "A size cannot be negative.").max(Number.MAX_SAFE_INTEGER),
  digest,
  direction: z.enum(["input", "output"], "Choose input or output.").default("output"),
});

export const addArtifactsInput = z.strictObject({
  artifacts: z
    .array(artifactInput)
    .min(1, "Send at least one artifact.")
    .max(MAX_ARTIFACTS_PER_BATCH, `At most ${MAX_ARTIFACTS_PER_BATCH.toLocaleString("en-US")} artifacts per request.`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        const key = `${a.direction}\0${a.path}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "path"], message: `${a.path} is listed twice as an ${a.direction}.` });
        seen.add(key);
      });
    }),
});

export const artifactListQuery = keysetQuery.extend({ direction: z.enum(["input", "output"], "Choose input or output.").optional() });

/** A summary metric's key, inlined into the sort expression: kept to a safe alphabet. */
export const metricKey = z.string().trim().regex(/^[A-Za-z0-9_.:/-]{1,100}$/, "A metric name is letters, digits, dots, colons, slashes, dashes and underscores.");

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(400)
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(8));

export const runListQuery = keysetQuery
  .extend({
    status: csv(z.enum(RUN_STATUSES, `Choose from ${RUN_STATUSES.join(", ")}.`)).optional(),
    kind: z.enum(RUN_KINDS, `Choose one of ${RUN_KINDS.join(", ")}.`).optional(),
    tag: runTag.optional(),
    /** A user id, or "me". */
    creator: z.union([z.uuid(), z.literal("me")], "Give a user id or me.").optional(),
    /** -created: newest first (default); metric / -metric: by the summary metric named in `metric`, runs that report it. */
    sort: z.enum(["-created", "created", "-metric", "metric"], "Choose -created, created, -metric or metric.").default("-created"),
    metric: metricKey.optional(),
    archived: z.enum(["false", "true", "all"], "Choose false, true or all.").default("false"),
    /** true: the deleted runs, not yet purged (the trash). */
    deleted: z.enum(["false", "true"], "Choose false or true.").default("false"),
  })
  .refine((q) => !q.sort.endsWith("metric") || q.metric !== undefined, { path: ["metric"], message: "Name the metric to sort by." });

export const tagRunInput = z
  .strictObject({ add: tagList.default([]), remove: tagList.default([]) })
  .refine((v) => v.add.length + v.remove.length > 0, { path: ["add"], message: "Name a tag to add or remove." });

/** A run as a request names it: its number in the project, or its id. */
export const runRef = z.union([z.number().int().min(1).max(2_000_000_000), z.uuid()], "Name a run by its number or id.");

export const BULK_ACTIONS = ["tag", "untag", "archive", "unarchive", "delete", "restore", "stop"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkInput = z
  .strictObject({
    action: z.enum(BULK_ACTIONS, `Choose one of ${BULK_ACTIONS.join(", ")}.`),
    runs: z.array(runRef).min(1, "Select at least one run.").max(MAX_BULK_RUNS, `At most ${MAX_BULK_RUNS} runs at once.`),
    tag: runTag.optional(),
    reason: reason.default(""),
  })
  .refine((v) => (v.action !== "tag" && v.action !== "untag") || v.tag !== undefined, { path: ["tag"], message: "Name the tag." });

export const stopRunInput = z.strictObject({ reason: reason.default("") });

export const promoteRunInput = z.strictObject({
  model: entryName,
  description: description.default(""),
});

export const runTokenInput = z.strictObject({
  name: z.string("Name the token.").trim().min(1, "Name the token.").max(80, "Keep the name under 80 characters."),
});
export const revokeRunTokenInput = z.strictObject({ id: z.uuid("Name the token by its id.") });
