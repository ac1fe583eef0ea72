import { getTokenPolicy, setTokenPolicy } from "@/lib/accounts/token-policy";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor }) => getTokenPolicy(actor));
export const PUT = orgRoute(async ({ actor, body }) => setTokenPolicy(actor, await body()));
