import { deleteModel, getModel } from "@/lib/registry/service";
import { orgRoute } from "@/lib/http/api";

type P = { slug: string; name: string };
export const GET = orgRoute<P>(({ actor, params }) => getModel(actor, params.name));
export const DELETE = orgRoute<P>(({ actor, params }) => deleteModel(actor, params.name));
