import { orgRoute } from "@/lib/http/api";
import { resendInvitation } from "@/lib/invitations/service";

export const POST = orgRoute<{ slug: string; id: string }>(({ actor, params }) => resendInvitation(actor, params.id));
