import { apiRoute } from "@/lib/http/api";
import { restoreOrg } from "@/lib/orgs/service";

/** Restores a deleted organization (its owners, within 14 days): the organization is hidden, so not an orgRoute. */
export const POST = apiRoute<{ slug: string }>(async ({ actor, params }) => restoreOrg(actor, params.slug.toLowerCase()));
