import { orgRoute } from "@/lib/http/api";
import { changeInvitationRole, revokeInvitation } from "@/lib/invitations/service";

export const PATCH = orgRoute<{ slug: string; id: string }>(async ({ actor, params, body }) => changeInvitationRole(actor, params.id, await body()));
export const DELETE = orgRoute<{ slug: string; id: string }>(({ actor, params }) => revokeInvitation(actor, params.id));
