import { bearerToken, loadActor, OrgMovedError, sessionCookie, toOrgActor, type Actor, type OrgActor } from "@/lib/auth/context";
import { appUrl } from "@/lib/config";
import { AppError, RateLimitedError, toAppError } from "@/lib/errors";
import type { UntrustedInput } from "./untrusted";

type Params = Record<string, string>;
type RouteContext<P extends Params> = { params: Promise<P> };
type Body = () => Promise<UntrustedInput>;
type Handler<P extends Params, A> = (args: { req: Request; params: P; actor: A; body: Body; query: Record<string, string> }) => Promise<unknown>;

export const json = (data: unknown, status = 200) => Response.json(data, { status, headers: { "cache-control": "no-store" } });

function errorResponse(error: AppError) {
  const res = json({ error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } }, error.status);
  if (error instanceof RateLimitedError) res.headers.set("retry-after", String(error.retryAfterSeconds));
  return res;
}

/**
 * A browser sends Sec-Fetch-Site and Origin on every cross-site request, so a cookie-authenticated
 * write that came from another site is refused. Bearer-token calls carry no ambient credential.
 */
function isCrossSiteWrite(req: Request) {
  if (req.method === "GET" || req.method === "HEAD") return false;
  if (bearerToken(req.headers) || !sessionCookie(req.headers)) return false;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  return origin !== null && origin !== new URL(appUrl()).origin;
}

/** JSON bodies above this are refused with 413 before they are parsed. */
export const MAX_JSON_BYTES = 1024 * 1024;
const TOO_LARGE = () => new AppError("payload_too_large", 413, `The request body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB.`);

/** The body as text, read no further than MAX_JSON_BYTES (a declared length above it is refused unread). */
async function readCapped(req: Request): Promise<string> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) throw TOO_LARGE();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BYTES) {
      await reader.cancel();
      throw TOO_LARGE();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(req: Request): Promise<unknown> {
  const text = await readCapped(req);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", 400, "The request body is not valid JSON.");
  }
}

function respond(result: unknown, req: Request) {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return json(result, req.method === "POST" ? 201 : 200);
}

async function run<P extends Params, A>(req: Request, ctx: RouteContext<P>, load: (params: P) => Promise<A>, handler: Handler<P, A>) {
  try {
    if (isCrossSiteWrite(req)) throw new AppError("cross_site", 403, "Cross-site requests with a session cookie are refused.");
    const params = await ctx.params;
    const actor = await load(params);
    const query = Object.fromEntries(new URL(req.url).searchParams);
    // An anonymous caller's body is never read: the service, which authorizes first, answers them.
    const body = () => ((actor as Actor).viewer ? readJson(req) : Promise.resolve({}));
    return respond(await handler({ req, params, actor, body, query }), req);
  } catch (error) {
    if (error instanceof OrgMovedError) {
      const url = new URL(req.url);
      url.pathname = url.pathname.replace(/^(\/api\/v1\/orgs\/)[^/]+/, `$1${error.slug}`);
      return Response.redirect(url, 308);
    }
    return errorResponse(toAppError(error));
  }
}

/** A /api/v1 route handler: resolves the caller, turns every AppError into its JSON error. */
export const apiRoute =
  <P extends Params = Params>(handler: Handler<P, Actor>) =>
  (req: Request, ctx: RouteContext<P>) =>
    run(req, ctx, async () => (await loadActor(req.headers)).actor, handler);

/** Same, for routes under /api/v1/orgs/{slug}: the caller comes with their role in that organization. */
export const orgRoute =
  <P extends Params & { slug: string }>(handler: Handler<P, OrgActor>) =>
  (req: Request, ctx: RouteContext<P>) =>
    run(
      req,
      ctx,
      async (params) => {
        const { actor, org } = await loadActor(req.headers, params.slug);
        return toOrgActor(actor, org!);
      },
      handler,
    );
