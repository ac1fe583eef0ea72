/** "Test sign-in" on the Authentication tab: tries an identity provider as entered, saving nothing. */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getAuthSettings } from "@/lib/auth-settings/service";
import { testIdentityProvider } from "@/lib/auth-settings/test-provider";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { orgProviderKey, redirectUriOf } from "@/lib/sso/providers";
import { useFreshDatabase } from "../support/database";
import { seedOrg } from "../support/orgs";
import { addMember, orgActorOf, quickPerson, type Person } from "../support/people";
import { useIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();

let owner: Person;
beforeAll(async () => {
  owner = await quickPerson({ name: "Owner" });
});

async function registered() {
  const org = await seedOrg([[owner, "owner"]]);
  const clientId = `atrium-${randomBytes(4).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("base64url");
  idp.current.addClient({ clientId, clientSecret, redirectUri: redirectUriOf(orgProviderKey(org.id)) });
  return { org, clientId, clientSecret };
}

describe("testIdentityProvider", () => {
  it("says the provider answered and accepts the client, and saves nothing", async () => {
    const { org, clientId, clientSecret } = await registered();
    const actor = await orgActorOf(owner, org.slug);
    expect(await testIdentityProvider(actor, { issuer: idp.current.issuer, clientId, clientSecret })).toMatch(/answered and accepts this client ID and secret/);
    expect((await getAuthSettings(actor)).oidc).toBeNull();
  });

  it("names a wrong secret next to the secret field, and an issuer that is not one next to the issuer", async () => {
    const { org, clientId } = await registered();
    const actor = await orgActorOf(owner, org.slug);
    const wrong = testIdentityProvider(actor, { issuer: idp.current.issuer, clientId, clientSecret: "not-the-secret" });
    await expect(wrong).rejects.toBeInstanceOf(ValidationError);
    await expect(wrong).rejects.toMatchObject({ fields: { "oidc.clientSecret": expect.stringMatching(/refused this client ID and secret/) } });
    await expect(testIdentityProvider(actor, { issuer: "http://localhost:1/nothing", clientId, clientSecret: "x" })).rejects.toMatchObject({ fields: { "oidc.issuer": expect.any(String) } });
    await expect(testIdentityProvider(actor, { issuer: idp.current.issuer, clientId })).rejects.toMatchObject({ fields: { "oidc.clientSecret": "Enter the client secret to test it." } });
  });

  it("is for owners only", async () => {
    const { org, clientId, clientSecret } = await registered();
    const admin = await quickPerson({ name: "Admin" });
    await addMember(org.id, admin.id, "admin");
    await expect(testIdentityProvider(await orgActorOf(admin, org.slug), { issuer: idp.current.issuer, clientId, clientSecret })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
