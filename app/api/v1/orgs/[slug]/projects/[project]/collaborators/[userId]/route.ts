import { orgRoute } from "@/lib/http/api";
import { removeCollaborator, setCollaborator } from "@/lib/projects/grants";

type Params = { slug: string; project: string; userId: string };
export const PUT = orgRoute<Params>(async ({ actor, params, body }) => setCollaborator(actor, params.project, params.userId, await body()));
export const DELETE = orgRoute<Params>(({ actor, params }) => removeCollaborator(actor, params.project, params.userId));
