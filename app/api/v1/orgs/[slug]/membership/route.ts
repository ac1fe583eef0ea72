import { orgRoute } from "@/lib/http/api";
import { leaveOrg } from "@/lib/members/service";

export const DELETE = orgRoute(({ actor }) => leaveOrg(actor));
