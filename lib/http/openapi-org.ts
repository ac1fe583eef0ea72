import { tokenPolicyInput } from "@/lib/accounts/schemas";
import { auditExportFormat } from "@/lib/audit/export";
import { auditQuery } from "@/lib/audit/list";
import { memberExportQuery } from "@/lib/members/export";
import { body, errors, ok, pathParam, queryParams, slugParam } from "./openapi-helpers";

const download = (type: string) => ({ description: "A streamed download", content: { [type]: { schema: { type: "string" } } } });
const tokenPolicy = { description: "The policy", content: { "application/json": { schema: { type: "object", properties: { maxTokenDays: { type: ["integer", "null"] } } } } } };

/** Organization operations beside the main resources: exports, domain checks, the token policy, restoring. */
export const ORG_EXTRA_PATHS = {
  "/orgs/{slug}/members/export": {
    parameters: [slugParam],
    get: { operationId: "exportMembers", summary: "The members, filtered as on the page, as a streamed CSV download", parameters: queryParams(memberExportQuery), responses: { 200: download("text/csv"), ...errors(400, 401, 403, 404) } },
  },
  "/orgs/{slug}/audit/export": {
    parameters: [slugParam],
    get: {
      operationId: "exportAuditEvents",
      summary: "The audit log, filtered as on the page, streamed as CSV or JSON lines (owners and admins)",
      parameters: [...queryParams(auditExportFormat), ...queryParams(auditQuery).filter((p) => p.name !== "cursor" && p.name !== "limit")],
      responses: { 200: download("text/csv"), ...errors(400, 401, 403, 404) },
    },
  },
  "/orgs/{slug}/domains/{domain}/check": {
    parameters: [slugParam, pathParam("domain")],
    post: { operationId: "checkDomain", summary: "Look up the domain's _atrium-verification TXT record now and answer with the claim as it stands (owners)", responses: { 200: ok("The claim"), ...errors(401, 403, 404, 429) } },
  },
  "/orgs/{slug}/token-policy": {
    parameters: [slugParam],
    get: { operationId: "getTokenPolicy", summary: "The longest lifetime, in days, of tokens that may act in this organization (null: no limit)", responses: { 200: tokenPolicy, ...errors(401, 403, 404) } },
    put: { operationId: "setTokenPolicy", summary: "Set the longest token lifetime (owners; needs a recent sign-in)", requestBody: body(tokenPolicyInput), responses: { 200: tokenPolicy, ...errors(400, 401, 403, 404) } },
  },
  "/orgs/{slug}/restore": {
    parameters: [slugParam],
    post: { operationId: "restoreOrg", summary: "Restore a deleted organization within 14 days of its deletion (its owners)", responses: { 200: ok("Restored", "Org"), ...errors(401, 403, 404, 409) } },
  },
};
