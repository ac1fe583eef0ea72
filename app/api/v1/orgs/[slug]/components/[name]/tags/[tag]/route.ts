import { tagHistory } from "@/lib/hub/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute<{ slug: string; name: string; tag: string }>(({ actor, params, query }) => tagHistory(actor, params.name, params.tag, query));
