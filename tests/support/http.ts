import { SESSION_COOKIE } from "@/lib/auth/context";
import type { Person } from "./people";

export const APP_ORIGIN = "http://localhost:3000";

export type CallOptions = {
  /** Sends this person's session cookie. */
  as?: Person | null;
  /** Sends `Authorization: Bearer <token>`. */
  bearer?: string;
  /** Serialised as JSON with a JSON content type. */
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  rawBody?: string;
  /** Extra or overriding headers; null removes a header apiRequest would add. */
  headers?: Record<string, string | null>;
  /** The scheme and host the request URL is built on (default APP_ORIGIN), e.g. to play a forged Host. */
  baseUrl?: string;
};

/**
 * A Request as a same-origin browser (or an API client) would send it to the app. Writes carry the
 * Origin and Sec-Fetch-Site headers of the app itself unless `headers` overrides them.
 */
export function apiRequest(method: string, path: string, options: CallOptions = {}): Request {
  const headers = new Headers({ "user-agent": "vitest", "x-forwarded-for": "198.51.100.1" });
  if (options.as) headers.set("cookie", options.as.cookie);
  if (options.bearer !== undefined) headers.set("authorization", `Bearer ${options.bearer}`);
  if (method !== "GET" && method !== "HEAD") {
    headers.set("origin", APP_ORIGIN);
    headers.set("sec-fetch-site", "same-origin");
  }
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers.set("content-type", "application/json");
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(`${options.baseUrl ?? APP_ORIGIN}${path}`, { method, headers, body });
}

/** The second argument Next.js passes to a route handler. */
export const routeParams = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

/** The response body as JSON, or null for an empty body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies are checked field by field in the tests.
export async function bodyOf(res: Response): Promise<any> {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

export const cookieOf = (token: string) => `${SESSION_COOKIE}=${token}`;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", Handler>>;

/** Route modules type their params precisely; the router below passes whatever the path held. */
const routeModule = (mod: unknown) => mod as RouteModule;

/** The /api/v1 route handlers with the path pattern Next.js would route to them. */
async function routes(): Promise<[RegExp, RouteModule][]> {
  return [
    [/^\/api\/v1\/me$/, routeModule(await import("@/app/api/v1/me/route"))],
    [/^\/api\/v1\/openapi\.json$/, routeModule(await import("@/app/api/v1/openapi.json/route"))],
    [/^\/api\/v1\/orgs$/, routeModule(await import("@/app/api/v1/orgs/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/audit$/, routeModule(await import("@/app/api/v1/orgs/[slug]/audit/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/auth-settings$/, routeModule(await import("@/app/api/v1/orgs/[slug]/auth-settings/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/domains\/(?<domain>[^/]+)\/check$/, routeModule(await import("@/app/api/v1/orgs/[slug]/domains/[domain]/check/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/restore$/, routeModule(await import("@/app/api/v1/orgs/[slug]/restore/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/token-policy$/, routeModule(await import("@/app/api/v1/orgs/[slug]/token-policy/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/membership$/, routeModule(await import("@/app/api/v1/orgs/[slug]/membership/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/members$/, routeModule(await import("@/app/api/v1/orgs/[slug]/members/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/audit\/export$/, routeModule(await import("@/app/api/v1/orgs/[slug]/audit/export/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/members\/export$/, routeModule(await import("@/app/api/v1/orgs/[slug]/members/export/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/members\/(?<userId>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/members/[userId]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/invitations$/, routeModule(await import("@/app/api/v1/orgs/[slug]/invitations/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/invitations\/(?<id>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/invitations/[id]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/invitations\/(?<id>[^/]+)\/resend$/, routeModule(await import("@/app/api/v1/orgs/[slug]/invitations/[id]/resend/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/versions$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/versions/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/versions\/(?<ref>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/versions/[ref]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/versions\/(?<ref>[^/]+)\/runs$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/versions/[ref]/runs/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/diff$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/diff/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/history$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/history/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/runs$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/runs/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/tags$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/tags/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/components\/(?<name>[^/]+)\/tags\/(?<tag>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/components/[name]/tags/[tag]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/models$/, routeModule(await import("@/app/api/v1/orgs/[slug]/models/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/models\/(?<name>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/models/[name]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/models\/(?<name>[^/]+)\/versions$/, routeModule(await import("@/app/api/v1/orgs/[slug]/models/[name]/versions/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/models\/(?<name>[^/]+)\/aliases$/, routeModule(await import("@/app/api/v1/orgs/[slug]/models/[name]/aliases/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/models\/(?<name>[^/]+)\/history$/, routeModule(await import("@/app/api/v1/orgs/[slug]/models/[name]/history/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/models\/(?<name>[^/]+)\/aliases\/(?<alias>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/models/[name]/aliases/[alias]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/storage$/, routeModule(await import("@/app/api/v1/orgs/[slug]/storage/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/teams$/, routeModule(await import("@/app/api/v1/orgs/[slug]/teams/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/teams\/(?<team>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/teams/[team]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/teams\/(?<team>[^/]+)\/members$/, routeModule(await import("@/app/api/v1/orgs/[slug]/teams/[team]/members/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/teams\/(?<team>[^/]+)\/members\/(?<userId>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/teams/[team]/members/[userId]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/teams\/(?<team>[^/]+)\/projects$/, routeModule(await import("@/app/api/v1/orgs/[slug]/teams/[team]/projects/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/archive$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/archive/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/unarchive$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/unarchive/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/access$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/access/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/access\/(?<userId>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/access/[userId]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/collaborators\/(?<userId>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/collaborators/[userId]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/invitations$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/invitations/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/invitations\/(?<id>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/invitations/[id]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/invitations\/(?<id>[^/]+)\/resend$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/invitations/[id]/resend/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/teams\/(?<team>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/teams/[team]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/bulk$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/bulk/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/artifacts$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/artifacts/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/stop$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/stop/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/tags$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/tags/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/archive$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/archive/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/unarchive$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/unarchive/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/restore$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/restore/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/purge$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/purge/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/runs\/(?<run>[^/]+)\/promote$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/runs/[run]/promote/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/run-tokens$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/run-tokens/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/projects\/(?<project>[^/]+)\/storage$/, routeModule(await import("@/app/api/v1/orgs/[slug]/projects/[project]/storage/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/storage\/breakdown$/, routeModule(await import("@/app/api/v1/orgs/[slug]/storage/breakdown/route"))],
    [/^\/api\/v1\/orgs\/(?<slug>[^/]+)\/profile$/, routeModule(await import("@/app/api/v1/orgs/[slug]/profile/route"))],
    [/^\/api\/v1\/invitations\/(?<token>[^/]+)$/, routeModule(await import("@/app/api/v1/invitations/[token]/route"))],
    [/^\/api\/v1\/invitations\/(?<token>[^/]+)\/accept$/, routeModule(await import("@/app/api/v1/invitations/[token]/accept/route"))],
    [/^\/api\/v1\/invitations\/(?<token>[^/]+)\/decline$/, routeModule(await import("@/app/api/v1/invitations/[token]/decline/route"))],
  ];
}

/**
 * Calls the route handler that serves `path` (e.g. "/api/v1/orgs/acme?limit=2") the way Next.js
 * would: a real Request, and the dynamic segments as a params promise.
 */
export async function api(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const req = apiRequest(method, path, options);
  const { pathname } = new URL(req.url);
  for (const [pattern, mod] of await routes()) {
    const match = pathname.match(pattern);
    if (!match) continue;
    const handler = mod[method as keyof RouteModule];
    if (!handler) throw new Error(`${method} ${pathname} has no handler`);
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    return handler(req, routeParams(params));
  }
  throw new Error(`no route for ${pathname}`);
}
