import { getComponent, moveTags } from "@/lib/hub/service";
import { json, orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(async ({ actor, params }) => ({ items: (await getComponent(actor, params.name)).pointers }));
/** Several tag moves at once, all or none; 200 (nothing new is created at a URL of its own). */
export const POST = orgRoute<P>(async ({ actor, params, body }) => json(await moveTags(actor, params.name, await body())));
