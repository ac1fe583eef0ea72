import { orgRoute } from "@/lib/http/api";
import { promoteRun } from "@/lib/runs/promote";

type Params = { slug: string; project: string; run: string };
export const POST = orgRoute<Params>(async ({ actor, params, body }) => promoteRun(actor, params.project, params.run, await body()));
