import { json, orgRoute } from "@/lib/http/api";
import { tagRun } from "@/lib/runs/actions";

type Params = { slug: string; project: string; run: string };
export const POST = orgRoute<Params>(async ({ actor, params, body }) => json(await tagRun(actor, params.project, params.run, await body())));
