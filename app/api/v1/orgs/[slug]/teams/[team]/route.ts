import { orgRoute } from "@/lib/http/api";
import { deleteTeam, getTeam, updateTeam } from "@/lib/teams/service";

type Params = { slug: string; team: string };
export const GET = orgRoute<Params>(({ actor, params }) => getTeam(actor, params.team));
export const PATCH = orgRoute<Params>(async ({ actor, params, body }) => updateTeam(actor, params.team, await body()));
export const DELETE = orgRoute<Params>(({ actor, params }) => deleteTeam(actor, params.team));
