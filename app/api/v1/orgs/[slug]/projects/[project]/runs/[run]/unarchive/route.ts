import { json, orgRoute } from "@/lib/http/api";
import { unarchiveRun } from "@/lib/runs/actions";

type Params = { slug: string; project: string; run: string };
export const POST = orgRoute<Params>(async ({ actor, params }) => json(await unarchiveRun(actor, params.project, params.run)));
