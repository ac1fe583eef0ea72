import { json, orgRoute } from "@/lib/http/api";
import { archiveProject } from "@/lib/projects/service";

export const POST = orgRoute<{ slug: string; project: string }>(async ({ actor, params }) => json(await archiveProject(actor, params.project)));
