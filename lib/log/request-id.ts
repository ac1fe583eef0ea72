export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The id of this request: the one a trusted proxy in front set (nginx's $request_id), or a new
 * one. A client's own header is ignored unless ATRIUM_TRUSTED_PROXIES says a proxy sits in front.
 */
export function requestIdFor(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  const trusted = Number(process.env.ATRIUM_TRUSTED_PROXIES ?? 0) > 0;
  return trusted && given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : crypto.randomUUID();
}
