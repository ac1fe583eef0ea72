import { orgRoute } from "@/lib/http/api";
import { resendProjectInvitation } from "@/lib/invitations/project";

export const POST = orgRoute<{ slug: string; project: string; id: string }>(({ actor, params }) => resendProjectInvitation(actor, params.project, params.id));
