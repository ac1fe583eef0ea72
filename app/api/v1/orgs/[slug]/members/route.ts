import { orgRoute } from "@/lib/http/api";
import { listMembers } from "@/lib/members/service";

export const GET = orgRoute(({ actor, query }) => listMembers(actor, query));
