import { componentUsage } from "@/lib/hub/usage";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
/** Per version number: how many runs (in projects the caller may read) ran it, and the latest five. */
export const GET = orgRoute<P>(async ({ actor, params }) => ({ versions: await componentUsage(actor, params.name) }));
