import { z } from "zod";
import type { OrgActor } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { parseInput } from "@/lib/errors";
import { csvLine, streamDownload } from "@/lib/export/stream";
import { actionName } from "./actions";
import { eachAuditEvent } from "./list";

/** The export's own parameter; the rest are the audit page's filters (auditQuery). */
export const auditExportFormat = z.object({ format: z.enum(["csv", "jsonl"], "Choose csv or jsonl.").default("csv") });

/** The audit trail (filtered as on the page) as CSV or JSON lines, streamed 500 events at a time. */
export async function exportAuditEvents(actor: OrgActor, input: Record<string, string>) {
  authorize(actor.principal, "org.audit.view");
  const { format, ...filters } = input;
  const { format: chosen } = parseInput(auditExportFormat, { format });
  const events = eachAuditEvent(actor, filters);
  // Validate the filters before the response starts: a bad date is a 400, not a broken download.
  const first = await events.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* events;
  }
  const filename = `${actor.org.slug}-audit.${chosen}`;
  if (chosen === "jsonl") {
    return streamDownload(all(), { filename, contentType: "application/x-ndjson; charset=utf-8", line: (e) => `${JSON.stringify(e)}\n` });
  }
  return streamDownload(all(), {
    filename,
    contentType: "text/csv; charset=utf-8",
    header: csvLine(["id", "time", "action", "action_name", "actor_id", "actor_name", "actor_role", "target_type", "target_id", "target_label", "before", "after", "ip"]),
    line: (e) => csvLine([e.id, e.createdAt, e.action, actionName(e.action), e.actorId, e.actorName, e.actorRole, e.targetType, e.targetId, e.targetLabel, e.before, e.after, e.ip]),
  });
}
