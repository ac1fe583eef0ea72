import { orgRoute } from "@/lib/http/api";
import { componentVersionRuns } from "@/lib/runs/component-runs";

type Params = { slug: string; name: string; ref: string };
export const GET = orgRoute<Params>(({ actor, params, query }) => componentVersionRuns(actor, params.name, params.ref, query));
