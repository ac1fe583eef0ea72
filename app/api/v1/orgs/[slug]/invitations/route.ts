import { orgRoute } from "@/lib/http/api";
import { createInvitations, listInvitations } from "@/lib/invitations/service";

export const GET = orgRoute(({ actor, query }) => listInvitations(actor, query));
export const POST = orgRoute(async ({ actor, body }) => createInvitations(actor, await body()));
