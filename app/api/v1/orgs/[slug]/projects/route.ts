import { orgRoute } from "@/lib/http/api";
import { createProject, listProjects } from "@/lib/projects/service";

export const GET = orgRoute(({ actor, query }) => listProjects(actor, query));
export const POST = orgRoute(async ({ actor, body }) => createProject(actor, await body()));
