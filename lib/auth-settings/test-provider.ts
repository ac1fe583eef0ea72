import { eq } from "drizzle-orm";
import * as o from "oauth4webapi";
import { getDb } from "@/db/client";
import { orgAuthSettings } from "@/db/schema";
import { unseal } from "@/lib/auth/sealed";
import type { OrgActor } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { ValidationError, parseInput } from "@/lib/errors";
import { insecureIssuersAllowed } from "@/lib/config";
import { checkIssuer, providerMetadata, tokenEndpointAuthMethod } from "@/lib/sso/discovery";
import { guardedFetch } from "@/lib/sso/outbound";
import { orgProviderKey, redirectUriOf } from "@/lib/sso/providers";
import { oidcInput } from "./schemas";

/** The saved secret, only for the same issuer and client ID (a secret never travels to another provider). */
async function savedSecret(orgId: string, issuer: string, clientId: string) {
  const [row] = await (await getDb()).select().from(orgAuthSettings).where(eq(orgAuthSettings.orgId, orgId));
  return row?.oidcIssuer === issuer && row.oidcClientId === clientId && row.oidcClientSecret ? unseal("sso client secret", row.oidcClientSecret) : null;
}

const fieldError = (field: string, message: string) => new ValidationError(message, { [field]: message });

/**
 * "Test sign-in" before saving (owners): the issuer must pass discovery, and the token endpoint must
 * accept the client ID and secret. It is asked to redeem a code that does not exist: a provider
 * answers invalid_grant to a client it knows and invalid_client to one it does not, so no person
 * has to sign in and nothing is saved. Without a new secret the saved one is tried.
 */
export async function testIdentityProvider(actor: OrgActor, input: unknown): Promise<string> {
  authorize(actor.principal, "org.auth.edit");
  const data = parseInput(oidcInput, input);
  const issuer = await checkIssuer(data.issuer);
  const clientSecret = data.clientSecret ?? (await savedSecret(actor.org.id, issuer, data.clientId));
  if (!clientSecret) throw fieldError("oidc.clientSecret", "Enter the client secret to test it.");
  const metadata = await providerMetadata(issuer);
  const client = { client_id: data.clientId };
  const auth = tokenEndpointAuthMethod(metadata) === "client_secret_post" ? o.ClientSecretPost(clientSecret) : o.ClientSecretBasic(clientSecret);
  const parameters = new URLSearchParams({ code: "atrium-test-sign-in", redirect_uri: redirectUriOf(orgProviderKey(actor.org.id)) });
  try {
    const res = await o.genericTokenEndpointRequest(metadata, client, auth, "authorization_code", parameters, { [o.customFetch]: guardedFetch, [o.allowInsecureRequests]: insecureIssuersAllowed() });
    await o.processGenericTokenEndpointResponse(metadata, client, res);
  } catch (error) {
    // A client the provider does not know gets 401 (with a WWW-Authenticate challenge) or invalid_client.
    const code = error instanceof o.ResponseBodyError ? error.error : error instanceof o.WWWAuthenticateChallengeError ? "invalid_client" : null;
    if (code === "invalid_client" || code === "unauthorized_client") throw fieldError("oidc.clientSecret", "The provider refused this client ID and secret. Check both at your provider.");
    if (code !== "invalid_grant") throw fieldError("oidc.issuer", `The provider's token endpoint did not answer as expected${code ? ` (${code})` : ""}.`);
  }
  return `${issuer} answered and accepts this client ID and secret. Save to use it.`;
}
