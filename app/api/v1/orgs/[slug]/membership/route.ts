import { orgRoute } from "@/lib/http/api";
import { joinOrg } from "@/lib/members/open-join";
import { leaveOrg } from "@/lib/members/service";

export const POST = orgRoute(({ actor }) => joinOrg(actor));
export const DELETE = orgRoute(({ actor }) => leaveOrg(actor));
