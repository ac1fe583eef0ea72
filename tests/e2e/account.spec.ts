import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, expectAccessible, linkFromInbox, signUp, uniqueEmail } from "./support";

test("reset a forgotten password by email, then manage sessions and a scoped API token", async ({ page, browser }) => {
  const email = uniqueEmail("grace");
  await signUp(page, "Grace Hopper", email);

  // Signing up again with the taken address answers exactly as a new sign-up does.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto("/signup");
  await againPage.getByLabel("Name").fill("Someone Else");
  await againPage.getByLabel("Email").fill(email);
  await againPage.getByLabel("Password").fill("another password 1");
  await againPage.getByRole("button", { name: "Create account" }).click();
  await expect(againPage).toHaveURL(/\/signup\/sent/);
  await expect(againPage.getByRole("status")).toContainText("Open it to finish creating your account");
  await again.close();

  // A second device signs in; the reset below must sign it out.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/signin");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill(E2E_PASSWORD);
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

  // Account page: its sections have their own navigation; one session (this one).
  await page.goto("/account");
  await expectAccessible(page);
  const sections = page.getByRole("navigation", { name: "Account sections" });
  await sections.getByRole("link", { name: "Access tokens" }).click();
  await expect(page).toHaveURL(/#tokens$/);
  await expect(page.getByRole("list", { name: "Sessions" }).getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);

  // A read-only token for the account area, shown once with a copy button, that works against the API.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByLabel("Token name").fill("CI pipeline");
  await page.getByLabel("Access").selectOption("read");
  await page.getByRole("checkbox", { name: "Account" }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^atr_/);
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expectAccessible(page);
  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(await me.json()).toMatchObject({ email, emailVerified: true });

  // At 390 px the lists are stacked cards and their actions stay on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const tokenItem = page.getByRole("list", { name: "Personal access tokens" }).getByRole("listitem").filter({ hasText: "CI pipeline" });
  await expect(tokenItem).toContainText("Read only");
  const revoke = tokenItem.getByRole("button", { name: "Revoke" });
  await revoke.scrollIntoViewIfNeeded();
  const box = (await revoke.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  await revoke.click();
  await expect(tokenItem).toHaveCount(0);
  const refused = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
});
