import { RULES } from "@/lib/authz";
import { RUN_KINDS, RUN_STATUSES } from "@/lib/runs/status";
import { addArtifactsInput, artifactListQuery, bulkInput, createRunsInput, promoteRunInput, revokeRunTokenInput, runListQuery, runTokenInput, stopRunInput, tagRunInput, updateRunInput } from "@/lib/runs/schemas";
import { keysetQuery } from "@/lib/pagination";
import { body, errors, ok, page, pathParam, queryParams, slugParam } from "./openapi-helpers";

// The OpenAPI entries for runs, run tokens and storage usage by project and run (issue 10).
// Permission words come from the rules' descriptions in lib/authz.
const projectParam = pathParam("project");
const runParam = { ...pathParam("run"), description: "The run's number in the project (42) or its id" };
const who = (...actions: (keyof typeof RULES)[]) => ` (${actions.map((a) => RULES[a].describe.toLowerCase()).join("; ")})`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const date = { type: "string", format: "date-time" };
const nullableDate = { type: ["string", "null"], format: "date-time" };
const runLink = { type: "object", description: "A run at the other end of a lineage edge; {id: null, hidden: true} when its project is not readable to you", properties: { id: { type: ["string", "null"] }, number: { type: "integer" }, name: { type: "string" }, status: { enum: [...RUN_STATUSES] }, project: { type: "object" }, hidden: { type: "boolean" } } };
const artifact = { type: "object", properties: { path: { type: "string" }, kind: { type: "string" }, size: { type: "integer" }, digest: { type: "string" }, direction: { enum: ["input", "output"] }, createdAt: date } };
const summary = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    number: { type: "integer" },
    name: { type: "string" },
    kind: { enum: [...RUN_KINDS] },
    status: { enum: [...RUN_STATUSES] },
    creator: { type: ["object", "null"], properties: { id: { type: "string" }, name: { type: "string" } } },
    viaToken: { type: ["string", "null"], description: "The run token that created it" },
    tags: { type: "array", items: { type: "string" } },
    outputs: { type: "object" },
    componentDigest: { type: ["string", "null"] },
    bytes: { type: "integer" },
    createdAt: date,
    startedAt: nullableDate,
    finishedAt: nullableDate,
    archivedAt: nullableDate,
    deletedAt: nullableDate,
    promoted: { type: "boolean" },
  },
};
const usage = { type: "object", properties: { slug: { type: "string" }, name: { type: "string" }, liveBytes: { type: "integer" }, deletedBytes: { type: "integer" }, runs: { type: "integer" } } };

export const RUN_SCHEMAS = {
  Run: summary,
  RunPage: page("Run"),
  RunDetail: {
    type: "object",
    properties: {
      ...summary.properties,
      description: { type: "string" },
      inputs: { type: "object" },
      artifacts: { type: "array", items: ref("RunArtifact") },
      artifactCount: { type: "integer" },
      upstream: { type: "array", items: runLink },
      downstream: { type: "array", items: runLink },
      conditions: { type: "array", items: { type: "object", properties: { from: { enum: [...RUN_STATUSES, null] }, to: { enum: [...RUN_STATUSES] }, reason: { type: "string" }, actor: { type: ["string", "null"] }, at: date } } },
      promotions: { type: "array", items: { type: "object", properties: { model: { type: "string" }, version: { type: "integer" }, createdAt: date } } },
      project: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" }, archived: { type: "boolean" } } },
      can: { type: "object", additionalProperties: { type: "boolean" } },
    },
  },
  RunArtifact: artifact,
  RunArtifactPage: page("RunArtifact"),
  CreatedRuns: { type: "object", properties: { runs: { type: "array", items: ref("Run") } } },
  AddedArtifacts: { type: "object", properties: { added: { type: "integer" }, skipped: { type: "integer", description: "Already recorded with the same digest, size and kind" }, bytes: { type: "integer" }, runBytes: { type: "integer" } } },
  BulkResults: {
    type: "object",
    properties: { results: { type: "array", items: { type: "object", properties: { id: { type: ["string", "integer"] }, ok: { type: "boolean" }, error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } } } } },
  },
  RunToken: { type: "object", properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, prefix: { type: "string" }, createdBy: { type: ["string", "null"] }, createdAt: date, lastUsedAt: nullableDate, token: { type: "string", description: "Only in the answer to its creation" } } },
  RunTokenList: { type: "object", properties: { items: { type: "array", items: ref("RunToken") } } },
  Promotion: { type: "object", properties: { model: { type: "string" }, version: { type: "object" } } },
  ProjectStorage: { type: "object", properties: { ...usage.properties, largestRuns: { type: "array", items: { type: "object" } } } },
  StorageBreakdown: {
    type: "object",
    properties: {
      usage: { type: "object" },
      registryBytes: { type: "integer" },
      projects: { type: "array", items: usage },
      otherProjectsBytes: { type: "integer", description: "Projects you may not see, together" },
      runs: { type: "array", items: { type: "object" } },
      purge: { type: "object", properties: { runs: { type: "integer" }, bytes: { type: "integer" } } },
    },
  },
};

const runs = "/orgs/{slug}/projects/{project}/runs";
const run = `${runs}/{run}`;
const runAction = (operationId: string, summary: string, responses: object, requestBody?: object) => ({
  parameters: [slugParam, projectParam, runParam],
  post: { operationId, summary, ...(requestBody ? { requestBody } : {}), responses },
});

export const RUN_PATHS = {
  [runs]: {
    parameters: [slugParam, projectParam],
    get: {
      operationId: "listRuns",
      summary: `A project's runs, newest first or by a summary metric (runs that report it); filter by status (comma-separated), kind, tag, creator (id or me); archived and deleted on request${who("run.view")}`,
      parameters: queryParams(runListQuery),
      responses: { 200: ok("A page of runs", "RunPage"), ...errors(400, 401, 403, 404) },
    },
    post: {
      operationId: "createRuns",
      summary: `Create up to 1,000 runs in one request, numbered in order${who("run.create")}; personal access tokens covering runs and the project's run tokens`,
      requestBody: body(createRunsInput),
      responses: { 201: ok("Created", "CreatedRuns"), ...errors(400, 401, 403, 404, 409) },
    },
  },
  [`${runs}/bulk`]: {
    parameters: [slugParam, projectParam],
    post: { operationId: "bulkRunAction", summary: "Tag, untag, archive, unarchive, delete, restore or stop a selection of runs; each run is decided on its own and reported", requestBody: body(bulkInput), responses: { 200: ok("One result per run", "BulkResults"), ...errors(400, 401, 403, 404) } },
  },
  [run]: {
    parameters: [slugParam, projectParam, runParam],
    get: { operationId: "getRun", summary: "A run with inputs, outputs, artifacts, lineage both ways, status history, promotions and what you may do", responses: { 200: ok("The run", "RunDetail"), ...errors(401, 403, 404) } },
    patch: {
      operationId: "updateRun",
      summary: `Set status (refused with 409 when the transition is not allowed), merge outputs (null removes a key), name, description, add upstream runs (no cycles)${who("run.update")}`,
      requestBody: body(updateRunInput),
      responses: { 200: ok("Updated", "Run"), ...errors(400, 401, 403, 404, 409) },
    },
    delete: { operationId: "deleteRun", summary: `Soft-delete a run; its bytes count as deleted until it is purged${who("run.delete.own", "run.delete.any")}`, responses: { 200: ok("Deleted", "Run"), ...errors(401, 403, 404, 409) } },
  },
  [`${run}/artifacts`]: {
    parameters: [slugParam, projectParam, runParam],
    get: { operationId: "listRunArtifacts", summary: "A run's artifacts by path", parameters: queryParams(artifactListQuery), responses: { 200: ok("A page of artifacts", "RunArtifactPage"), ...errors(400, 401, 403, 404) } },
    post: {
      operationId: "addRunArtifacts",
      summary: "Record up to 1,000 artifacts, charged to the storage tier in the same transaction: past the tier, 409 storage_limit and nothing written; the same artifact again is skipped",
      requestBody: body(addArtifactsInput),
      responses: { 201: ok("Recorded", "AddedArtifacts"), ...errors(400, 401, 403, 404, 409) },
    },
  },
  [`${run}/stop`]: runAction("stopRun", `Ask a run to stop: it is stopping until its client sets stopped${who("run.stop")}`, { 200: ok("Stopping", "Run"), ...errors(400, 401, 403, 404, 409) }, body(stopRunInput)),
  [`${run}/tags`]: runAction("tagRun", `Add and remove tags${who("run.tag")}`, { 200: ok("Tagged", "Run"), ...errors(400, 401, 403, 404, 409) }, body(tagRunInput)),
  [`${run}/archive`]: runAction("archiveRun", `Archive a run: hidden from the default list${who("run.archive")}`, { 200: ok("Archived", "Run"), ...errors(401, 403, 404, 409) }),
  [`${run}/unarchive`]: runAction("unarchiveRun", `Bring an archived run back to the list${who("run.archive")}`, { 200: ok("Unarchived", "Run"), ...errors(401, 403, 404, 409) }),
  [`${run}/restore`]: runAction("restoreRun", "Restore a deleted run (refused with 409 storage_limit when its bytes no longer fit the tier)", { 200: ok("Restored", "Run"), ...errors(401, 403, 404, 409) }),
  [`${run}/purge`]: runAction("purgeRun", `Remove a deleted run for good with its artifacts; versions promoted from it keep their snapshot${who("run.purge")}`, { 204: ok("Purged"), ...errors(401, 403, 404, 409) }),
  [`${run}/promote`]: runAction("promoteRun", `Promote the run to a new version of a registry model${who("registry.promote")}`, { 201: ok("Promoted", "Promotion"), ...errors(400, 401, 403, 404, 409) }, body(promoteRunInput)),
  "/orgs/{slug}/projects/{project}/run-tokens": {
    parameters: [slugParam, projectParam],
    get: { operationId: "listRunTokens", summary: `The project's run tokens${who("run.token.manage")}`, responses: { 200: ok("The tokens", "RunTokenList"), ...errors(401, 403, 404) } },
    post: { operationId: "createRunToken", summary: "Create a run token: it creates, updates and reads this project's runs only; the secret is shown once", requestBody: body(runTokenInput), responses: { 201: ok("Created", "RunToken"), ...errors(400, 401, 403, 404, 409) } },
    delete: { operationId: "revokeRunToken", summary: "Revoke a run token", requestBody: body(revokeRunTokenInput), responses: { 204: ok("Revoked"), ...errors(400, 401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/storage": {
    parameters: [slugParam, projectParam],
    get: { operationId: "getProjectStorage", summary: "The project's live and deleted-not-purged bytes, and its largest runs", responses: { 200: ok("Usage", "ProjectStorage"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/components/{name}/versions/{ref}/runs": {
    parameters: [slugParam, pathParam("name"), pathParam("ref")],
    get: {
      operationId: "listComponentVersionRuns",
      summary: "The runs that ran this component version (by digest), newest first, in projects you may read",
      parameters: queryParams(keysetQuery),
      responses: { 200: ok("A page of runs, each with its project", "RunPage"), ...errors(400, 401, 403, 404) },
    },
  },
  "/orgs/{slug}/storage/breakdown": {
    parameters: [slugParam],
    get: { operationId: "getStorageBreakdown", summary: "The largest projects and runs you may see, the registry's share, and what purging deleted runs would reclaim", responses: { 200: ok("Breakdown", "StorageBreakdown"), ...errors(401, 403, 404) } },
  },
};
