"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { nextAuthFor } from "@/lib/auth/next-auth";
import { formAction } from "@/lib/http/forms";
import { actionIo, currentActor } from "@/lib/http/pages";
import { prepareSsoStart, SSO_STATE_COOKIE, SSO_STATE_SECONDS } from "@/lib/sso/flow";
import { CALLBACK_PATH } from "@/lib/sso/providers";
import { findOrgSso } from "@/lib/sso/registry";

type Start = Parameters<typeof prepareSsoStart>[1];

/**
 * Starts the sign-in at the provider: Atrium's checks and attempt cookie, then next-auth's signIn()
 * (state, PKCE and nonce cookies). Returns where to send the browser.
 */
async function start(input: Start): Promise<string> {
  const started = await prepareSsoStart(await currentActor(), input);
  const io = await actionIo();
  const auth = await nextAuthFor(started.providerKey, io);
  const url: string = await auth.signIn(started.providerKey, { redirect: false, redirectTo: "/" }, started.authorizationParams);
  io.set(SSO_STATE_COOKIE, started.cookie, { path: CALLBACK_PATH, maxAgeSeconds: SSO_STATE_SECONDS });
  return url;
}

/** "Continue with …": one provider, for an organization or on its own. */
export async function startSsoAction(_: FormState, formData: FormData): Promise<FormState> {
  let url: string | null = null;
  const result = await formAction(formData, async (values) => {
    url = await start(values);
  });
  if (url) redirect(url);
  return result;
}

/** "Sign in with SSO": finds the organization by work email or name; straight to its provider when it has one. */
export async function findSsoAction(_: FormState, formData: FormData): Promise<FormState> {
  let target: string | null = null;
  const result = await formAction(formData, async (values) => {
    const found = await findOrgSso(values);
    const next = typeof values.next === "string" && values.next ? values.next : undefined;
    if (found.methods.length === 1) {
      target = await start({ provider: found.methods[0].key, org: found.org.slug, next, loginHint: found.loginHint ?? undefined });
    } else {
      const query = new URLSearchParams({ org: found.org.slug, ...(next ? { next } : {}), ...(found.loginHint ? { hint: found.loginHint } : {}) });
      target = `/sso?${query}`;
    }
  });
  if (target) redirect(target);
  return result;
}
