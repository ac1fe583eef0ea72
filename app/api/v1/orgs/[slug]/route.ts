import { orgRoute } from "@/lib/http/api";
import { deleteOrg, getOrg, updateOrg } from "@/lib/orgs/service";

export const GET = orgRoute(({ actor }) => getOrg(actor));
export const PATCH = orgRoute(async ({ actor, body }) => updateOrg(actor, await body()));
export const DELETE = orgRoute(async ({ actor, body }) => {
  await deleteOrg(actor, await body());
});
