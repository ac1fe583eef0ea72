import { json, orgRoute } from "@/lib/http/api";
import { archiveRun } from "@/lib/runs/actions";

type Params = { slug: string; project: string; run: string };
export const POST = orgRoute<Params>(async ({ actor, params }) => json(await archiveRun(actor, params.project, params.run)));
