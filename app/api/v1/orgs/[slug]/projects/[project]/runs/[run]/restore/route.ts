import { json, orgRoute } from "@/lib/http/api";
import { restoreRun } from "@/lib/runs/actions";

type Params = { slug: string; project: string; run: string };
export const POST = orgRoute<Params>(async ({ actor, params }) => json(await restoreRun(actor, params.project, params.run)));
