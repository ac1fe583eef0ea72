import { orgRoute } from "@/lib/http/api";
import { listTeamProjects } from "@/lib/teams/service";

export const GET = orgRoute<{ slug: string; team: string }>(async ({ actor, params }) => ({ items: await listTeamProjects(actor, params.team) }));
