import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RUN_STATUS_LABELS, type RunStatus } from "@/lib/runs/status";

const TONES: Record<RunStatus, BadgeTone> = {
  created: "neutral",
  queued: "neutral",
  running: "indigo",
  stopping: "amber",
  stopped: "amber",
  succeeded: "green",
  failed: "red",
  lost: "red",
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={TONES[status]}>{RUN_STATUS_LABELS[status]}</Badge>;
}

/** The run's label in lists and dialogs: "#12 resnet sweep" (or "#12" when it has no name). */
export const runLabel = (r: { number: number; name: string }) => (r.name ? `#${r.number} ${r.name}` : `#${r.number}`);
