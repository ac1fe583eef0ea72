import { orgRoute } from "@/lib/http/api";
import { listProjectAccess, projectAccessCsv } from "@/lib/projects/access";

/** ?format=csv answers the whole list as a CSV download. */
export const GET = orgRoute<{ slug: string; project: string }>(async ({ actor, params, query }) => {
  if (query.format !== "csv") return listProjectAccess(actor, params.project, query);
  const csv = await projectAccessCsv(actor, params.project);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${params.project}-access.csv"`, "cache-control": "no-store" } });
});
