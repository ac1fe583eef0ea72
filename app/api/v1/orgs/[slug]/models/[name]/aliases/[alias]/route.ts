import { aliasHistory, setAliasProtection } from "@/lib/registry/service";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string; alias: string };
export const GET = orgRoute<P>(({ actor, params, query }) => aliasHistory(actor, params.name, params.alias, query));
export const PATCH = orgRoute<P>(async ({ actor, params, body }) => setAliasProtection(actor, params.name, params.alias, await body()));
