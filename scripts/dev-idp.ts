/**
 * `npm run dev:idp`: an OpenID Connect provider on http://localhost:4100 for trying SSO locally, the
 * same real provider the tests use. Its client "atrium-dev" (secret "atrium-dev-secret") may return
 * to any organization's callback on APP_URL; `npm run db:seed` sets Acme ML up with it. Any username
 * signs in: "someone@acme.test" as a verified address at that domain.
 */
import { startIdp } from "../tests/support/oidc-idp";
import { DEV_IDP } from "./dev-idp-client";

const appUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const callbacks = `${appUrl}/api/auth/callback/`;
const idp = await startIdp({ port: Number(new URL(DEV_IDP.issuer).port), redirectPrefix: callbacks });
idp.addClient({ clientId: DEV_IDP.clientId, clientSecret: DEV_IDP.clientSecret, redirectUri: callbacks });
console.log(`Identity provider at ${idp.issuer} (client ${DEV_IDP.clientId} / ${DEV_IDP.clientSecret}); any username signs in. Ctrl-C stops it.`);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void idp.close().finally(() => process.exit(0)));
