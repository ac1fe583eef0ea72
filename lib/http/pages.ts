import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { DEVICE_COOKIE, loadActor, OrgMovedError, SESSION_COOKIE, toOrgActor, type Actor, type OrgActor, type Viewer } from "@/lib/auth/context";
import { appUrl } from "@/lib/config";
import type { CookieIo } from "./cookie-io";
import { ForbiddenError, NotFoundError, SsoRequiredError, UnauthenticatedError } from "@/lib/errors";

/** The caller of the current page or action; resolved once per request. */
export const currentActor = cache(async (): Promise<Actor> => (await loadActor(await headers())).actor);

/** The signed-in caller, or a redirect to the sign-in page that comes back to `next`. */
export async function requireSignedIn(next = "/"): Promise<Actor & { viewer: Viewer }> {
  const actor = await currentActor();
  if (!actor.viewer) redirect(`/signin?next=${encodeURIComponent(next)}`);
  return actor as Actor & { viewer: Viewer };
}

const loadOrgRequest = cache(async (slug: string) => loadActor(await headers(), slug));

/** The "Sign in with SSO" page for an organization that requires it, coming back to `next`. */
const ssoPage = (slug: string, next: string) => `/sso?${new URLSearchParams({ org: slug, next, required: "1" })}`;

/**
 * The caller as seen from the organization in the URL, resolved once per request (layout and page
 * share it). Renamed slugs redirect to `/<new slug><path>`, unknown or hidden organizations are a
 * 404, anonymous callers go to sign in, members who must sign in through the organization's SSO go
 * to do so and come back to `path` (the layout, which does not know the path, leaves that to the
 * page: `{ ssoRedirect: false }`). What the caller may do is still decided by the service the page calls.
 */
export async function orgActorFor(slug: string, path = "", { ssoRedirect = true } = {}): Promise<OrgActor & { viewer: Viewer }> {
  try {
    const { actor, org } = await loadOrgRequest(slug);
    if (!actor.viewer) redirect(`/signin?next=${encodeURIComponent(`/${slug}${path}`)}`);
    const orgActor = toOrgActor(actor, org!) as OrgActor & { viewer: Viewer };
    if (ssoRedirect && orgActor.principal.ssoPending) redirect(ssoPage(orgActor.org.slug, `/${orgActor.org.slug}${path}`));
    return orgActor;
  } catch (error) {
    if (error instanceof OrgMovedError) redirect(`/${error.slug}${path}`);
    if (error instanceof NotFoundError) notFound();
    if (error instanceof UnauthenticatedError) redirect(`/signin?next=${encodeURIComponent(`/${slug}${path}`)}`);
    throw error;
  }
}

/** Maps the read-side errors a page can meet to Next's not-found page or the sign-in page. */
export async function pageRead<T>(read: () => Promise<T>, next: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof UnauthenticatedError) redirect(`/signin?next=${encodeURIComponent(next)}`);
    if (error instanceof SsoRequiredError) redirect(ssoPage(next.split("/")[1] ?? "", next));
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

/** The browser's device cookie (lib/accounts/sign-in-throttle): its failed sign-ins count apart from strangers'. */
export async function setDeviceCookie(device: { value: string; maxAgeSeconds: number }) {
  (await cookies()).set(DEVICE_COOKIE, device.value, { httpOnly: true, sameSite: "lax", secure: appUrl().startsWith("https://"), path: "/", maxAge: device.maxAgeSeconds });
}

export async function setSessionCookie(session: { token: string; maxAgeSeconds: number }) {
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https://"),
    path: "/",
    maxAge: session.maxAgeSeconds,
  });
}

/** A short-lived, HTTP-only cookie holding sealed sign-in state (an SSO attempt, an identity to link). */
export async function setStateCookie(name: string, value: string, { path, maxAgeSeconds }: { path: string; maxAgeSeconds: number }) {
  (await cookies()).set(name, value, { httpOnly: true, sameSite: "lax", secure: appUrl().startsWith("https://"), path, maxAge: maxAgeSeconds });
}

export async function readCookie(name: string): Promise<string | null> {
  return (await cookies()).get(name)?.value ?? null;
}

export async function clearCookie(name: string) {
  (await cookies()).delete(name);
}

export async function clearSessionCookie() {
  (await cookies()).delete(SESSION_COOKIE);
}

/** The cookies of a server action (or page) as the sign-in code reads and writes them. */
export async function actionIo(): Promise<CookieIo> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  return {
    headers: h,
    get: (name) => jar.get(name)?.value ?? null,
    set: (name, value, { path, maxAgeSeconds }) => jar.set(name, value, { httpOnly: true, sameSite: "lax", secure: appUrl().startsWith("https://"), path, maxAge: maxAgeSeconds }),
  };
}
