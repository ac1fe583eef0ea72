import { orgRoute } from "@/lib/http/api";
import { changeMemberRole, removeMember } from "@/lib/members/service";

export const PATCH = orgRoute<{ slug: string; userId: string }>(async ({ actor, params, body }) => changeMemberRole(actor, params.userId, await body()));
export const DELETE = orgRoute<{ slug: string; userId: string }>(({ actor, params }) => removeMember(actor, params.userId));
