import { orgRoute } from "@/lib/http/api";
import { addArtifacts, listArtifacts } from "@/lib/runs/artifacts";

type Params = { slug: string; project: string; run: string };
export const GET = orgRoute<Params>(({ actor, params, query }) => listArtifacts(actor, params.project, params.run, query));
export const POST = orgRoute<Params>(async ({ actor, params, body }) => addArtifacts(actor, params.project, params.run, await body()));
