import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/lib/http/security-headers";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/log/request-id";

/**
 * Every request gets an id (seen by logs and audit events, echoed to the client) and the security
 * headers, with a fresh CSP nonce. Next.js reads the policy from the request headers to put the nonce
 * on the scripts it renders. A convenience layer: never the authorization.
 */
export function proxy(req: NextRequest) {
  const id = requestIdFor(req.headers);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    pathname: req.nextUrl.pathname,
    nonce,
    https: (process.env.APP_URL ?? "").startsWith("https://"),
    dev: process.env.NODE_ENV === "development",
  });
  const forward = new Headers(req.headers);
  forward.set(REQUEST_ID_HEADER, id);
  forward.set("x-nonce", nonce);
  forward.set("content-security-policy", headers["content-security-policy"]);
  // Where the request went, so a page can redirect a renamed organization's path as a whole.
  forward.set("x-atrium-path", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  const res = NextResponse.next({ request: { headers: forward } });
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  res.headers.set(REQUEST_ID_HEADER, id);
  return res;
}

// Built static files carry no request and no page; everything else, /api/health included, passes here.
export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
