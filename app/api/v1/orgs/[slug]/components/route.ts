import { createComponent, listComponents } from "@/lib/hub/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor, query }) => listComponents(actor, query));
export const POST = orgRoute(async ({ actor, body }) => createComponent(actor, await body()));
