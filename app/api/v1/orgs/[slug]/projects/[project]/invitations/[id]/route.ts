import { orgRoute } from "@/lib/http/api";
import { revokeProjectInvitation } from "@/lib/invitations/project";

export const DELETE = orgRoute<{ slug: string; project: string; id: string }>(({ actor, params }) => revokeProjectInvitation(actor, params.project, params.id));
