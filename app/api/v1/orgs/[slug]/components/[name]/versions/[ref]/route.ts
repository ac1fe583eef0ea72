import { getVersion } from "@/lib/hub/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute<{ slug: string; name: string; ref: string }>(({ actor, params }) => getVersion(actor, params.name, params.ref));
