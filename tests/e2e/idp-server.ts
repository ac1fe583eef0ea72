// The OpenID Connect provider of the end-to-end suite (and of local try-outs of SSO): the same
// real provider as the integration tests, with its control endpoints on, so a test can register
// the client an organization's settings name.
//
//   npx tsx tests/e2e/idp-server.ts [port=4100]
//
//   POST /__test/clients  {clientId, clientSecret, redirectUri}
//   POST /__test/accounts {login, claims}
//   GET  /__test/health   → 200 "ok"
import { startIdp } from "../support/oidc-idp";

const idp = await startIdp({ port: Number(process.argv[2] ?? process.env.E2E_IDP_PORT ?? 4100), control: true });
console.log(`Test identity provider at ${idp.issuer}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void idp.close().finally(() => process.exit(0)));
