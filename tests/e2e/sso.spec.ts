import { expect, test, type Browser, type Page } from "@playwright/test";
import { DNS_CONTROL_URL, IDP_URL } from "./servers";
import { E2E_PASSWORD as PASSWORD, expectAccessible, linkFromInbox, signUp, uniqueEmail } from "./support";

// Runs in the "dev-inbox" project, against the suite's OpenID Connect provider (tests/e2e/idp-server.ts).

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

/** Signs in on the test provider's page (its username field may come prefilled from the login hint). */
async function signInAtIdp(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${IDP_URL}/interaction/`));
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an owner sets up the organization's identity provider; people sign in and join through it; require SSO sends members through it, not the owner", async ({ page, browser }) => {
  // Four people, about twenty pages each checked with axe, beside the other project's worker.
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const orgName = `Acme ${suffix}`;
  const slug = `acme-${suffix}`;
  const domain = `acme-${suffix}.test`;

  // The owner: a password account and an organization.
  await signUp(page, "Olive Owner", uniqueEmail("owner"));
  await page.goto("/orgs/new");
  await page.getByLabel("Name").fill(orgName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  // Settings → Authentication: the organization's own provider, its domain, open join as viewers.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Authentication" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/auth$`));
  await expectAccessible(page);
  await page.getByLabel("Use our own identity provider").check();
  const redirectUri = (await page.locator("code").first().textContent())!;
  expect(redirectUri).toMatch(/\/api\/auth\/callback\/org-[0-9a-f-]{36}$/);
  // The administrator of the provider registers Atrium with that redirect URI.
  const registered = await fetch(`${IDP_URL}/__test/clients`, { method: "POST", body: JSON.stringify({ clientId: `atrium-${suffix}`, clientSecret: "e2e-client-secret", redirectUri }) });
  expect(registered.status).toBe(204);
  await page.getByLabel("Issuer URL").fill(IDP_URL);
  await page.getByLabel("Client ID").fill(`atrium-${suffix}`);
  await page.getByLabel("Client secret").fill("e2e-client-secret");
  await page.getByLabel("Button label").fill("Acme Login");
  await page.getByLabel("Email domains").fill(`gmail.com\n${domain}`);
  await page.getByLabel("Open join").check();
  await page.getByLabel("Role of people who join").selectOption("viewer");
  await page.getByRole("button", { name: "Save authentication settings" }).click();
  // A public mail domain is refused next to the field; nothing is saved.
  await expect(page.getByText("gmail.com is a public mail service")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email domains").fill(domain);
  await page.getByLabel("Client secret").fill("e2e-client-secret");
  await page.getByRole("button", { name: "Save authentication settings" }).click();
  await expect(page.getByText("Authentication settings saved.")).toBeVisible();
  // The domain is pending until its DNS record is found: publish it, then "Check now".
  await expect(page.getByText("Pending")).toBeVisible();
  const recordName = `_atrium-verification.${domain}`;
  await expect(page.locator("code", { hasText: recordName })).toBeVisible();
  const recordValue = (await page.locator("code", { hasText: "atrium-verification=" }).textContent())!;
  const published = await fetch(`${DNS_CONTROL_URL}/__test/txt`, { method: "POST", body: JSON.stringify({ name: recordName, values: [recordValue] }) });
  expect(published.status).toBe(204);
  await page.getByRole("button", { name: `Check now ${domain}` }).click();
  await expect(page.getByText(`${domain} is verified.`)).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByLabel("Role of people who join")).toHaveValue("viewer");
  await expect(page.getByLabel("Client secret")).toHaveAttribute("placeholder", "Saved: leave blank to keep it");
  await expect(page.getByLabel("Client secret")).toHaveValue("");

  // A newcomer: "Sign in with SSO", their work email, the provider, and in as a viewer.
  const newcomer = await newPage(browser);
  await newcomer.goto("/signin");
  await newcomer.getByRole("link", { name: "Sign in with SSO" }).click();
  await expectAccessible(newcomer);
  await newcomer.getByLabel("Work email or organization").fill(`nia@${domain}`);
  await newcomer.getByRole("button", { name: "Continue" }).click();
  await expect(newcomer.getByLabel("Username")).toHaveValue(`nia@${domain}`);
  await signInAtIdp(newcomer, `nia@${domain}`);
  await expect(newcomer).toHaveURL(new RegExp(`/${slug}$`));
  await expect(newcomer.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.goto(`/${slug}/members`);
  await expect(newcomer.getByRole("row", { name: new RegExp(`nia@${domain}`) })).toContainText("Viewer");
  await newcomer.goto("/account");
  await expect(newcomer.getByText("Acme Login").first()).toBeVisible();
  await expectAccessible(newcomer);

  // Someone at the domain with a password account is offered to join once their address is verified.
  const pam = await newPage(browser);
  const pamEmail = `pam-${suffix}@${domain}`;
  await signUp(pam, "Pam Password", pamEmail, { landsOn: /\/orgs(\/new)?$/ });
  await pam.goto("/orgs");
  await expect(pam.getByRole("heading", { name: `You can join ${orgName}` })).toBeVisible();
  await expectAccessible(pam);
  await pam.getByRole("button", { name: `Join ${orgName}` }).click();
  await expect(pam).toHaveURL(new RegExp(`/${slug}$`));
  await expect(pam.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  // Another one signs in through SSO while signed out: the address has an account, so nothing is
  // attached until they sign in to it and link.
  const lee = await newPage(browser);
  const leeEmail = `lee-${suffix}@${domain}`;
  await signUp(lee, "Lee Linker", leeEmail, { landsOn: /\/orgs(\/new)?$/ });
  await lee.context().clearCookies();
  await lee.goto(`/sso?org=${slug}`);
  await expectAccessible(lee);
  await lee.getByRole("button", { name: "Continue with Acme Login" }).click();
  await signInAtIdp(lee, leeEmail);
  await expect(lee).toHaveURL(/\/sso\/link$/);
  await expect(lee.getByRole("heading", { name: "You already have an account" })).toBeVisible();
  await expectAccessible(lee);
  await lee.getByRole("link", { name: "Sign in to link" }).click();
  await expect(lee.getByLabel("Email")).toHaveValue(leeEmail);
  await lee.getByLabel("Password").fill(PASSWORD);
  await lee.getByRole("button", { name: "Sign in" }).click();
  await expect(lee).toHaveURL(/\/sso\/link$/);
  await lee.getByRole("button", { name: "Link Acme Login" }).click();
  await expect(lee).toHaveURL(new RegExp(`/${slug}$`));

  // The owner requires SSO.
  await page.getByLabel("Require SSO for members").check();
  await page.getByRole("button", { name: "Save authentication settings" }).click();
  await expect(page.getByText("Authentication settings saved.")).toBeVisible();
  // The owner, signed in with a password, keeps the way in.
  await page.goto(`/${slug}/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();

  // Pam's password session no longer opens the organization: she is sent through its SSO and back.
  await pam.goto(`/${slug}/members`);
  await expect(pam).toHaveURL(/\/sso\?/);
  await expect(pam.getByText(`${orgName} requires single sign-on`)).toBeVisible();
  await expectAccessible(pam);
  const api = await pam.request.get(`/api/v1/orgs/${slug}`);
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("sso_required");
  await pam.getByRole("button", { name: "Continue with Acme Login" }).click();
  await signInAtIdp(pam, pamEmail);
  await expect(pam).toHaveURL(new RegExp(`/${slug}/members$`));
  expect((await pam.request.get(`/api/v1/orgs/${slug}`)).status()).toBe(200);

  // Lee linked the provider earlier: their session came through it, so nothing stops them.
  await lee.goto(`/${slug}/members`);
  await expect(lee.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();

  // The audit log tells the story.
  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole("row", { name: /Authentication settings changed/ }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Member joined.*nia@${domain}`) })).toContainText("sso");
  await expect(page.getByRole("row", { name: /SSO identity linked/ }).first()).toBeVisible();
});
