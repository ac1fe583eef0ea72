import { orgRoute } from "@/lib/http/api";
import { listTeamMembers } from "@/lib/teams/members";

export const GET = orgRoute<{ slug: string; team: string }>(({ actor, params, query }) => listTeamMembers(actor, params.team, query));
