import { expect, test } from "@playwright/test";
import { expectAccessible, linkFromInbox, uniqueEmail } from "./support";

test("reset a forgotten password by email, then manage sessions and an API token", async ({ page, browser }) => {
  const email = uniqueEmail("grace");
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("first password 123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);

  // A second device signs in; the reset below must sign it out.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/signin");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill("first password 123");
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(otherPage).toHaveURL(/\/orgs\/new$/);

  // Forgot password: the answer is the same for any address; the link arrives in the inbox.
  await page.context().clearCookies();
  await page.goto("/forgot-password");
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a reset link is on its way" })).toBeVisible();
  const resetLink = await linkFromInbox(page, email, "/reset-password/");
  await page.goto(resetLink);
  await expectAccessible(page);
  await page.getByLabel("New password").fill("second password 456");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);

  // The other device was signed out; the used link does nothing now.
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();
  await page.goto(resetLink);
  await page.getByLabel("New password").fill("third password 789");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "invalid, used or expired" })).toBeVisible();

  // Account page: one session (this one), a token shown once that works against the API.
  await page.goto("/account");
  await expectAccessible(page);
  await expect(page.getByRole("row", { name: /This device/ })).toHaveCount(1);
  await page.getByLabel("Token name").fill("CI pipeline");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^atr_/);
  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(await me.json()).toMatchObject({ email, emailVerified: true });

  await page.getByRole("row", { name: /CI pipeline/ }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /CI pipeline/ })).toHaveCount(0);
  const refused = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
});
