import { json, orgRoute } from "@/lib/http/api";
import { unarchiveProject } from "@/lib/projects/service";

export const POST = orgRoute<{ slug: string; project: string }>(async ({ actor, params }) => json(await unarchiveProject(actor, params.project)));
