import { orgRoute } from "@/lib/http/api";
import { checkProjectAccess } from "@/lib/projects/access";

export const GET = orgRoute<{ slug: string; project: string; userId: string }>(({ actor, params }) => checkProjectAccess(actor, params.project, params.userId));
