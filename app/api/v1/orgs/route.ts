import { apiRoute } from "@/lib/http/api";
import { createOrg, listMyOrgs } from "@/lib/orgs/service";

export const GET = apiRoute(({ actor, query }) => listMyOrgs(actor, query));
export const POST = apiRoute(async ({ actor, body }) => createOrg(actor, await body()));
