import { apiRoute } from "@/lib/http/api";
import { getInvitationByToken } from "@/lib/invitations/service";

export const GET = apiRoute<{ token: string }>(({ params }) => getInvitationByToken(params.token));
