import { orgRoute } from "@/lib/http/api";
import { projectStorage } from "@/lib/storage/breakdown";

type Params = { slug: string; project: string };
export const GET = orgRoute<Params>(({ actor, params }) => projectStorage(actor, params.project));
