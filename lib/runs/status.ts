/**
 * Run kinds and statuses with the transitions a run may take, highest-level first. Pure constants:
 * client components import this file too.
 */
export const RUN_KINDS = ["experiment", "job", "service", "pipeline"] as const;
export const RUN_STATUSES = ["created", "queued", "running", "stopping", "stopped", "succeeded", "failed", "lost"] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run never leaves. */
export const FINAL_STATUSES: readonly RunStatus[] = ["stopped", "succeeded", "failed", "lost"];
export const isFinal = (status: RunStatus) => FINAL_STATUSES.includes(status);

/**
 * created → queued → running → succeeded / failed / stopped; a stop request makes a queued or
 * running run `stopping` until its client acknowledges with `stopped` (or it ends anyway); any run
 * not yet finished may be declared `lost`.
 */
export const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  created: ["queued", "running", "stopping", "stopped", "failed", "lost"],
  queued: ["running", "stopping", "stopped", "failed", "lost"],
  running: ["succeeded", "failed", "stopping", "stopped", "lost"],
  stopping: ["stopped", "succeeded", "failed", "lost"],
  stopped: [],
  succeeded: [],
  failed: [],
  lost: [],
};

/** Whether a run may go from one status to the other (staying put is always allowed: retries are harmless). */
export const canTransition = (from: RunStatus, to: RunStatus) => from === to || RUN_TRANSITIONS[from].includes(to);

/** The statuses a client may create a run in. */
export const INITIAL_STATUSES = ["created", "queued", "running"] as const satisfies readonly RunStatus[];

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  created: "Created",
  queued: "Queued",
  running: "Running",
  stopping: "Stopping",
  stopped: "Stopped",
  succeeded: "Succeeded",
  failed: "Failed",
  lost: "Lost",
};

export const RUN_KIND_LABELS: Record<RunKind, string> = { experiment: "Experiment", job: "Job", service: "Service", pipeline: "Pipeline" };

/** Why a transition is refused, in words a client can act on. */
export function transitionRefusal(number: number, from: RunStatus, to: RunStatus): string {
  if (isFinal(from)) return `Run #${number} has already ended (${from}): its status no longer changes.`;
  const allowed = RUN_TRANSITIONS[from].join(", ");
  return `Run #${number} is ${from}: it can go to ${allowed}, not ${to}.`;
}
