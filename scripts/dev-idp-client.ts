/** The local identity provider of `npm run dev:idp`, and the client `npm run db:seed` gives Acme ML for it. */
export const DEV_IDP = { issuer: "http://localhost:4100", clientId: "atrium-dev", clientSecret: "atrium-dev-secret" };
