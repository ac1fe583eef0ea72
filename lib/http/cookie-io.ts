import { SESSION_COOKIE } from "@/lib/auth/context";
import { appUrl } from "@/lib/config";

/**
 * The cookies of one request, as the sign-in code reads and writes them. In a route handler the
 * writes are appended to the Response Auth.js returns, untouched: calling cookies() there as well
 * makes Next re-merge Auth.js's own Set-Cookie lines and drop their Max-Age=0 (NEXT-AUTH.md T11).
 * It also keeps next/headers out of the sign-in code, so tests drive it with plain Requests.
 */
export type CookieIo = {
  headers: Headers;
  get(name: string): string | null;
  set(name: string, value: string, options: { path: string; maxAgeSeconds: number }): void;
};

const secure = () => appUrl().startsWith("https://");

function parseCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return jar;
}

export const serializeCookie = (name: string, value: string, { path, maxAgeSeconds }: { path: string; maxAgeSeconds: number }) =>
  `${name}=${encodeURIComponent(value)}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure() ? "; Secure" : ""}`;

/** Cookie I/O bound to a request; `apply` adds what was written to a response. */
export function requestIo(headers: Headers): CookieIo & { apply(res: Response): Response } {
  const jar = parseCookies(headers.get("cookie"));
  const lines: string[] = [];
  return {
    headers,
    get: (name) => jar.get(name) ?? null,
    set(name, value, options) {
      lines.push(serializeCookie(name, value, options));
    },
    apply(res) {
      if (!lines.length) return res;
      const out = new Headers(res.headers);
      for (const line of lines) out.append("set-cookie", line);
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers: out });
    },
  };
}

export const setSessionCookieIn = (io: CookieIo, session: { token: string; maxAgeSeconds: number }) =>
  io.set(SESSION_COOKIE, session.token, { path: "/", maxAgeSeconds: session.maxAgeSeconds });
