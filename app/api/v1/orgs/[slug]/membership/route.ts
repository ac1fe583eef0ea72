import { orgRoute } from "@/lib/http/api";
import { leaveOrg } from "@/lib/orgs/service";

export const DELETE = orgRoute(({ actor }) => leaveOrg(actor));
