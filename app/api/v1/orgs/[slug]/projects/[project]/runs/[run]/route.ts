import { orgRoute } from "@/lib/http/api";
import { deleteRun } from "@/lib/runs/actions";
import { getRun } from "@/lib/runs/list";
import { updateRun } from "@/lib/runs/service";

type Params = { slug: string; project: string; run: string };
export const GET = orgRoute<Params>(({ actor, params }) => getRun(actor, params.project, params.run));
export const PATCH = orgRoute<Params>(async ({ actor, params, body }) => updateRun(actor, params.project, params.run, await body()));
export const DELETE = orgRoute<Params>(({ actor, params }) => deleteRun(actor, params.project, params.run));
