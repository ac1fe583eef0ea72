import { appUrl } from "@/lib/config";

/**
 * A same-origin path to return to after sign-in; anything else falls back to "/". The value is
 * parsed as the browser would (against APP_URL), so tabs, new lines, backslashes and "//host" tricks
 * that the URL parser turns into another origin are refused; control characters are refused outright.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > 2000) return "/";
  // eslint-disable-next-line no-control-regex -- the point is to refuse them.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const base = new URL(appUrl());
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin || url.username || url.password) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
