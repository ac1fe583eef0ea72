import { apiRoute, json } from "@/lib/http/api";
import { acceptInvitation } from "@/lib/invitations/service";

export const POST = apiRoute<{ token: string }>(async ({ actor, params }) => json(await acceptInvitation(actor, params.token)));
