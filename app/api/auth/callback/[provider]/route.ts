import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { loadActor } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { setSessionCookie, setStateCookie } from "@/lib/http/pages";
import { SsoFailedError } from "@/lib/sso/errors";
import { finishSso, SSO_STATE_COOKIE } from "@/lib/sso/flow";
import { CALLBACK_PATH } from "@/lib/sso/providers";
import { PENDING_LINK_COOKIE, PENDING_LINK_SECONDS } from "@/lib/sso/sign-in";

/** Where an identity provider sends the browser back: finish the sign-in, then go on (or explain). */
export async function GET(req: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const jar = await cookies();
  let target: string;
  try {
    const { actor } = await loadActor(req.headers);
    const outcome = await finishSso(actor, provider, new URL(req.url), jar.get(SSO_STATE_COOKIE)?.value ?? null);
    if (outcome.kind === "signed-in") await setSessionCookie(outcome.session);
    else await setStateCookie(PENDING_LINK_COOKIE, outcome.pending, { path: "/", maxAgeSeconds: PENDING_LINK_SECONDS });
    target = outcome.redirectTo;
  } catch (error) {
    if (!(error instanceof AppError)) console.error(`SSO callback for ${provider} failed`, error);
    target = `/sso?error=${error instanceof SsoFailedError ? error.reason : "provider"}`;
  }
  // Single use: the attempt is spent whatever happened.
  jar.delete({ name: SSO_STATE_COOKIE, path: CALLBACK_PATH });
  redirect(target);
}
