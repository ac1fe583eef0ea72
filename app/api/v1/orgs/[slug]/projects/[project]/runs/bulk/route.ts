import { json, orgRoute } from "@/lib/http/api";
import { bulkRuns } from "@/lib/runs/actions";

type Params = { slug: string; project: string };
export const POST = orgRoute<Params>(async ({ actor, params, body }) => json(await bulkRuns(actor, params.project, await body())));
