import { orgRoute } from "@/lib/http/api";
import { purgeRun } from "@/lib/runs/actions";

type Params = { slug: string; project: string; run: string };
export const POST = orgRoute<Params>(({ actor, params }) => purgeRun(actor, params.project, params.run));
