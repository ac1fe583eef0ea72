import { orgRoute } from "@/lib/http/api";
import { createRunToken, listRunTokens, revokeRunToken } from "@/lib/runs/tokens";

type Params = { slug: string; project: string };
export const GET = orgRoute<Params>(({ actor, params }) => listRunTokens(actor, params.project));
export const POST = orgRoute<Params>(async ({ actor, params, body }) => createRunToken(actor, params.project, await body()));
export const DELETE = orgRoute<Params>(async ({ actor, params, body }) => revokeRunToken(actor, params.project, await body()));
