import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signUp, uniqueEmail } from "./support";

/** Nothing sticks out sideways: every list and the navigation fit the viewport. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("phones, the org switcher, the checklist, notices, 404 and the skip link", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await signUp(page, "Paula Phone", uniqueEmail("paula"));
  for (const name of [`Gamma ${suffix}`, `Delta ${suffix}`]) {
    await page.goto("/orgs/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
  const gamma = `gamma-${suffix}`;
  const delta = `delta-${suffix}`;

  // A new organization's checklist ticks itself off: inviting someone does the first step.
  await page.goto(`/${gamma}`);
  const checklist = page.getByRole("region", { name: `Get Gamma ${suffix} going` });
  await expect(checklist.getByRole("link", { name: /Invite people \(to do\)/ })).toBeVisible();
  await page.goto(`/${gamma}/invitations`);
  await page.getByLabel("Email addresses").fill(uniqueEmail("guest"));
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByTestId("invite-report")).toContainText("Invited");
  await page.goto(`/${gamma}`);
  await expect(checklist.getByRole("link", { name: /Invite people \(done\)/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Invitations 1 pending" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Paula Phone invited" })).toBeVisible();
  await expectAccessible(page);

  // Switching organizations keeps the section.
  await page.goto(`/${gamma}/members`);
  await page.getByRole("button", { name: new RegExp(`Gamma ${suffix}`) }).click();
  await page.getByRole("menuitem", { name: new RegExp(`Delta ${suffix}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${delta}/members$`));

  // The skip link is the first stop of the keyboard.
  await page.goto(`/${delta}/members`);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();

  // On a phone: one button opens every section, and no page scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["", "/members", "/invitations", "/audit", "/settings"]) {
    await page.goto(`/${gamma}${path}`);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
  }
  await page.goto(`/${gamma}/members`);
  const nav = page.getByRole("navigation", { name: "Organization" });
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeHidden();
  await nav.getByRole("button", { name: /All sections/ }).click();
  for (const name of ["Overview", "Members", "Invitations", "Settings", "Audit log"]) await expect(nav.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
  await expectAccessible(page);
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/${gamma}/audit$`));
  await expect(nav.getByRole("link", { name: "Overview" })).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });

  // Deleting ends on the list with one notice that says so.
  await page.goto(`/${delta}/settings`);
  await page.getByRole("button", { name: "Delete organization" }).click();
  await page.getByRole("dialog").getByLabel(/to confirm/).fill(delta);
  await page.getByRole("dialog").getByRole("button", { name: "Delete this organization" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("status").filter({ hasText: `Delta ${suffix} was deleted` })).toHaveCount(1);
  await page.reload();
  await expect(page.getByText(`Delta ${suffix} was deleted`)).toHaveCount(0);

  // A 404 keeps the header and offers a way back.
  const missing = await page.goto(`/${gamma}/no-such-page`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to your organizations" })).toBeVisible();
  await expectAccessible(page);
});
