import { getComponent, pushVersion } from "@/lib/hub/service";
import { json, orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(async ({ actor, params }) => ({ items: (await getComponent(actor, params.name)).versions, nextCursor: null }));
/** 201 for a new version; 200 when the same spec was already uploaded (content-addressed). */
export const POST = orgRoute<P>(async ({ actor, params, body }) => {
  const result = await pushVersion(actor, params.name, await body());
  return json(result, result.created ? 201 : 200);
});
