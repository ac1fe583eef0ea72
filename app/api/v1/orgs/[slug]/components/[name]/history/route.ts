import { componentTagEvents } from "@/lib/hub/service";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(async ({ actor, params }) => ({ items: await componentTagEvents(actor, params.name) }));
