import { getModel, moveAliases } from "@/lib/registry/service";
import { json, orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(async ({ actor, params }) => ({ items: (await getModel(actor, params.name)).aliases }));
/** Several alias moves at once, all or none. */
export const POST = orgRoute<P>(async ({ actor, params, body }) => json(await moveAliases(actor, params.name, await body())));
