import { orgRoute } from "@/lib/http/api";
import { listRuns } from "@/lib/runs/list";
import { createRuns } from "@/lib/runs/service";

type Params = { slug: string; project: string };
export const GET = orgRoute<Params>(({ actor, params, query }) => listRuns(actor, params.project, query));
export const POST = orgRoute<Params>(async ({ actor, params, body }) => createRuns(actor, params.project, await body()));
