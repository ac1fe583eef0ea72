import { orgRoute } from "@/lib/http/api";
import { createTeam, listTeams } from "@/lib/teams/service";

export const GET = orgRoute(({ actor, query }) => listTeams(actor, query));
export const POST = orgRoute(async ({ actor, body }) => createTeam(actor, await body()));
