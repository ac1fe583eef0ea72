import { expect, test } from "@playwright/test";

test("every page and API response carries the security headers, and pages run scripts only with their nonce", async ({ page, request }) => {
  const response = await page.goto("/signin?next=%2F%09%2Fevil.test");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Next.js put this request's nonce on its scripts, and the page hydrated (the form works by script).
  const scriptNonces = await page.locator("script[src]").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonce);
  // A second request gets another nonce.
  const again = await request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);

  const api = await request.get("/api/v1/anything-unknown");
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: "not_found", message: "No such API route." } });
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("malformed input answers 400 or 404, never 500", async ({ request }) => {
  for (const path of ["/%FF", "/%FF/members", "/api/v1/orgs/%FF", "/api/v1/orgs/%FF/members", "/invite/%FF", "/signin?next=%00%0a//evil.test", "/signup?next=%FF"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect([200, 307, 400, 404], `${path} → ${res.status()}`).toContain(res.status());
  }
});
