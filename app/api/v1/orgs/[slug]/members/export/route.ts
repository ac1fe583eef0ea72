import { orgRoute } from "@/lib/http/api";
import { exportMembersCsv } from "@/lib/members/export";

export const GET = orgRoute(({ actor, query }) => exportMembersCsv(actor, query));
