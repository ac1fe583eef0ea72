import { orgRoute } from "@/lib/http/api";
import { deleteProject, getProject, updateProject } from "@/lib/projects/service";

type Params = { slug: string; project: string };
export const GET = orgRoute<Params>(({ actor, params }) => getProject(actor, params.project));
export const PATCH = orgRoute<Params>(async ({ actor, params, body }) => updateProject(actor, params.project, await body()));
export const DELETE = orgRoute<Params>(async ({ actor, params, body }) => deleteProject(actor, params.project, await body()));
