import { z } from "zod";
import { auditQuery } from "@/lib/audit/list";
import { appUrl } from "@/lib/config";
import { createOrgInput, deleteOrgInput, orgListQuery, updateOrgInput } from "@/lib/orgs/schemas";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const error = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: STATUS[c], content: { "application/json": { schema: error } } }]));
const STATUS: Record<number, string> = { 400: "Invalid input", 401: "Not signed in", 403: "Not allowed", 404: "Not found", 409: "Conflict", 429: "Rate limited" };

const ok = (description: string, ref?: string) =>
  ref ? { description, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } } : { description };
const body = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
const queryParams = (s: z.ZodObject) =>
  Object.entries(schema(s).properties ?? {}).map(([name, prop]) => ({ name, in: "query", required: false, schema: prop }));
const slugParam = { name: "slug", in: "path", required: true, schema: { type: "string" } };

const org = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    slug: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    website: { type: "string" },
    visibility: { enum: ["private", "public"] },
    role: { enum: ["owner", "admin", "member", "viewer", null] },
  },
};

/** The OpenAPI 3.1 description of /api/v1, built from the same zod schemas the services parse with. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Atrium API", version: "1" },
    servers: [{ url: `${appUrl()}/api/v1` }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal access token from the account page." },
        session: { type: "apiKey", in: "cookie", name: "atrium_session" },
      },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } } },
          },
        },
        Org: org,
        OrgPage: { type: "object", properties: { items: { type: "array", items: org }, nextCursor: { type: ["string", "null"] } } },
        Me: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" }, emailVerified: { type: "boolean" } } },
        AuditPage: { type: "object", properties: { items: { type: "array", items: { type: "object" } }, nextCursor: { type: ["string", "null"] } } },
      },
    },
    paths: {
      "/me": { get: { summary: "The signed-in user", responses: { 200: ok("The user", "Me"), ...errors(401) } } },
      "/orgs": {
        get: { summary: "Organizations you belong to", parameters: queryParams(orgListQuery), responses: { 200: ok("A page of organizations", "OrgPage"), ...errors(400, 401) } },
        post: { summary: "Create an organization (you become its owner)", requestBody: body(createOrgInput), responses: { 201: ok("Created", "Org"), ...errors(400, 401, 409, 429) } },
      },
      "/orgs/{slug}": {
        parameters: [slugParam],
        get: { summary: "An organization", responses: { 200: ok("The organization", "Org"), ...errors(401, 403, 404) } },
        patch: { summary: "Edit general settings (owners)", requestBody: body(updateOrgInput), responses: { 200: ok("Updated", "Org"), ...errors(400, 401, 403, 404, 409) } },
        delete: { summary: "Delete the organization (owners; confirm with its slug)", requestBody: body(deleteOrgInput), responses: { 204: ok("Deleted"), ...errors(400, 401, 403, 404) } },
      },
      "/orgs/{slug}/membership": {
        parameters: [slugParam],
        delete: { summary: "Leave the organization (never its last owner)", responses: { 204: ok("Left"), ...errors(401, 403, 404, 409) } },
      },
      "/orgs/{slug}/audit": {
        parameters: [slugParam],
        get: {
          summary: "Audit log, newest first (owners and admins)",
          parameters: queryParams(auditQuery),
          responses: { 200: ok("A page of events", "AuditPage"), ...errors(400, 401, 403, 404) },
        },
      },
    },
  };
}
