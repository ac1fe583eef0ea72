import { listAuditEvents } from "@/lib/audit/list";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor, query }) => listAuditEvents(actor, query));
