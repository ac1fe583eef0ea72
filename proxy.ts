import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/log/request-id";

/** Gives every request an id, seen by the app (logs, audit events) and echoed to the client. */
export function proxy(request: NextRequest) {
  const id = requestIdFor(request.headers);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, id);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, id);
  return response;
}

// /api/health stays the framework ceiling (nothing runs before it); static files need no id.
export const config = { matcher: ["/((?!api/health|_next/static|_next/image|favicon.ico|icon.svg).*)"] };
