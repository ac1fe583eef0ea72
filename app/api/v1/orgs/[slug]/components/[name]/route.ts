import { deleteComponent, getComponent } from "@/lib/hub/service";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(({ actor, params }) => getComponent(actor, params.name));
export const DELETE = orgRoute<P>(({ actor, params }) => deleteComponent(actor, params.name));
