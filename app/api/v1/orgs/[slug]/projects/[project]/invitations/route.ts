import { orgRoute } from "@/lib/http/api";
import { inviteToProject, listProjectInvitations } from "@/lib/invitations/project";

type Params = { slug: string; project: string };
export const GET = orgRoute<Params>(({ actor, params, query }) => listProjectInvitations(actor, params.project, query));
export const POST = orgRoute<Params>(async ({ actor, params, body }) => inviteToProject(actor, params.project, await body()));
