/**
 * Pages whose URL carries a secret (an invitation, reset, verification or link token), and the
 * pages linked from them: no Referer leaves them, so the token never reaches another site or a log.
 */
const TOKEN_PAGES = /^\/(?:invite|reset-password|verify-email|sso\/link)\/|^\/(?:signin|signup)(?:\/|$)/;

/**
 * The headers every response carries. Scripts run only with this request's nonce (Next.js puts it on
 * its own scripts); styles may be inline (React style attributes, toasts), which cannot run code.
 */
export function securityHeaders({ pathname, nonce, https, dev }: { pathname: string; nonce: string; https: boolean; dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": TOKEN_PAGES.test(pathname) ? "no-referrer" : "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
