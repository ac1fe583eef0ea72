import { apiRoute, json } from "@/lib/http/api";
import { declineInvitation } from "@/lib/invitations/service";

export const POST = apiRoute<{ token: string }>(async ({ actor, params }) => json(await declineInvitation(actor, params.token)));
