import { createModel, listModels } from "@/lib/registry/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor, query }) => listModels(actor, query));
export const POST = orgRoute(async ({ actor, body }) => createModel(actor, await body()));
