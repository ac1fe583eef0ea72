import { diffVersions } from "@/lib/hub/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute<{ slug: string; name: string }>(({ actor, params, query }) => diffVersions(actor, params.name, query));
