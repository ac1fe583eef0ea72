import { modelAliasEvents } from "@/lib/registry/service";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(async ({ actor, params }) => ({ items: await modelAliasEvents(actor, params.name) }));
