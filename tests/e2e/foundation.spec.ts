import { expect, test } from "@playwright/test";
import { expectAccessible, linkFromInbox, uniqueEmail } from "./support";

const PASSWORD = "a sturdy passphrase for e2e";

test("sign up, verify, run two organizations, audit, delete, sign out and back in", async ({ page }) => {
  const email = uniqueEmail("ada");
  const suffix = Date.now().toString(36);

  // Sign up: "check your email"; the mailed link, opened with the password, verifies and signs in.
  await page.goto("/signup");
  await expectAccessible(page);
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/signup\/sent/);
  await expectAccessible(page);
  const verifyLink = await linkFromInbox(page, email, "/verify-email/");
  await page.goto(verifyLink);
  await expectAccessible(page);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await expectAccessible(page);

  // Two organizations; the slug follows the name.
  for (const name of [`Alpha ${suffix}`, `Beta ${suffix}`]) {
    await page.goto("/orgs/new");
    await page.getByLabel("Name").fill(name);
    await expect(page.getByLabel("URL")).toHaveValue(name.toLowerCase().replace(" ", "-"));
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
  await expectAccessible(page);
  const alpha = `alpha-${suffix}`;
  const beta = `beta-${suffix}`;
  await expect(page).toHaveURL(new RegExp(`/${beta}$`));

  // Switch to the first one from the header.
  await page.getByRole("button", { name: new RegExp(`Beta ${suffix}`) }).click();
  await page.getByRole("menuitem", { name: new RegExp(`Alpha ${suffix}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${alpha}$`));

  // Edit settings; HTML in a name stays text.
  await page.getByRole("link", { name: "Settings" }).click();
  await expectAccessible(page);
  await page.getByLabel("Description").fill("<script>alert(1)</script> Research & models");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  // The change is in the audit log, with before and after.
  await page.getByRole("link", { name: "Audit log" }).click();
  await expectAccessible(page);
  const row = page.getByRole("row", { name: /org\.updated/ });
  await expect(row).toContainText("<script>alert(1)</script> Research & models");
  await page.getByLabel("Action").selectOption("org.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row", { name: /org\.updated/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /org\.created/ })).toHaveCount(1);

  // Delete the second organization, confirming with its slug.
  await page.goto(`/${beta}/settings`);
  await page.getByRole("button", { name: "Delete organization" }).click();
  const dialog = page.getByRole("dialog");
  await expectAccessible(page);
  await expect(dialog.getByRole("button", { name: "Delete this organization" })).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(beta);
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("link", { name: new RegExp(`Beta ${suffix}`) })).toHaveCount(0);
  await expectAccessible(page);
  expect((await page.request.get(`/${beta}`)).status()).toBe(404);

  // Sign out, then back in: "/" returns to the last organization used.
  await page.goto(`/${alpha}`);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${alpha}$`));
});
