import { getModel, registerVersion } from "@/lib/registry/service";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(async ({ actor, params }) => ({ items: (await getModel(actor, params.name)).versions, nextCursor: null }));
export const POST = orgRoute<P>(async ({ actor, params, body }) => registerVersion(actor, params.name, await body()));
