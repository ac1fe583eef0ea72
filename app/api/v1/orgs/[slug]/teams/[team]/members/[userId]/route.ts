import { orgRoute } from "@/lib/http/api";
import { removeTeamMember, setTeamMember } from "@/lib/teams/members";

type Params = { slug: string; team: string; userId: string };
export const PUT = orgRoute<Params>(async ({ actor, params, body }) => setTeamMember(actor, params.team, params.userId, await body()));
export const DELETE = orgRoute<Params>(({ actor, params }) => removeTeamMember(actor, params.team, params.userId));
