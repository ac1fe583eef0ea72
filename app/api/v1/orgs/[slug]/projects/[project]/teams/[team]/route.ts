import { orgRoute } from "@/lib/http/api";
import { removeTeamGrant, setTeamGrant } from "@/lib/projects/grants";

type Params = { slug: string; project: string; team: string };
export const PUT = orgRoute<Params>(async ({ actor, params, body }) => setTeamGrant(actor, params.project, params.team, await body()));
export const DELETE = orgRoute<Params>(({ actor, params }) => removeTeamGrant(actor, params.project, params.team));
