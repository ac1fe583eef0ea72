import type { OrgActor } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { parseInput } from "@/lib/errors";
import { csvLine, streamDownload } from "@/lib/export/stream";
import { memberListQuery } from "./schemas";
import { eachMember } from "./service";

export const memberExportQuery = memberListQuery.pick({ query: true, role: true });

/** The members (optionally filtered as on the page) as CSV, streamed a page at a time. */
export async function exportMembersCsv(actor: OrgActor, input: unknown) {
  authorize(actor.principal, "org.view");
  const filters = parseInput(memberExportQuery, input);
  return streamDownload(eachMember(actor, filters), {
    filename: `${actor.org.slug}-members.csv`,
    contentType: "text/csv; charset=utf-8",
    header: csvLine(["name", "email", "role", "joined_at", "joined_via", "last_active_at", "last_sign_in_method"]),
    line: (m) => csvLine([m.name, m.email, m.role, m.joinedAt, m.joinedVia, m.lastActiveAt, m.lastSignInMethod]),
  });
}
