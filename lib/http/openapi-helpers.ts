import { z } from "zod";

/** Building blocks of the OpenAPI document (lib/http/openapi.ts and its per-domain parts). */
export const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const error = { $ref: "#/components/schemas/Error" };
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: STATUS[c], content: { "application/json": { schema: error } } }]));
const STATUS: Record<number, string> = { 400: "Invalid input", 401: "Not signed in", 403: "Not allowed", 404: "Not found", 409: "Conflict", 429: "Rate limited" };

export const ok = (description: string, ref?: string) =>
  ref ? { description, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } } : { description };
export const body = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
export const queryParams = (s: z.ZodObject) =>
  Object.entries(schema(s).properties ?? {}).map(([name, prop]) => ({ name, in: "query", required: false, schema: prop }));
export const pathParam = (name: string, format?: string) => ({ name, in: "path", required: true, schema: { type: "string", ...(format ? { format } : {}) } });
export const slugParam = pathParam("slug");
export const page = (item: string) => ({ type: "object", properties: { items: { type: "array", items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: ["string", "null"] } } });
