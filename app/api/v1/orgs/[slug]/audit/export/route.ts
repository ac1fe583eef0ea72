import { exportAuditEvents } from "@/lib/audit/export";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor, query }) => exportAuditEvents(actor, query));
