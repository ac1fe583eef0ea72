import { fromTrustedProxy } from "@/lib/http/client-ip";

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The id of this request: the one a trusted proxy in front set (nginx's $request_id), or a new
 * one. A client's own header is ignored unless it came through a proxy ATRIUM_TRUSTED_PROXIES trusts.
 */
export function requestIdFor(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) && fromTrustedProxy(headers) ? given : crypto.randomUUID();
}
