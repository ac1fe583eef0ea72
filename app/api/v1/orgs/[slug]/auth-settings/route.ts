import { getAuthSettings, updateAuthSettings } from "@/lib/auth-settings/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor }) => getAuthSettings(actor));
export const PUT = orgRoute(async ({ actor, body }) => updateAuthSettings(actor, await body()));
