import { checkDomain } from "@/lib/domains/service";
import { json, orgRoute } from "@/lib/http/api";

/** "Check now": looks up the domain's TXT record and answers (200) with the claim as it stands. */
export const POST = orgRoute<{ slug: string; domain: string }>(async ({ actor, params }) => json(await checkDomain(actor, params.domain)));
