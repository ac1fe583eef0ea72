import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails on serious or critical accessibility violations of the page as it is now. */
export async function expectAccessible(page: Page) {
  // Next streams metadata after the body on client navigations: wait for the title before judging.
  await expect(page).toHaveTitle(/Atrium/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** The newest link to `path` in the dev inbox sent to `email`. */
export async function linkFromInbox(page: Page, email: string, path: string): Promise<string> {
  await page.goto("/dev/mail");
  await expectAccessible(page);
  const mail = page.locator("li", { hasText: `to ${email}` }).first();
  const href = await mail.locator(`a[href*="${path}"]`).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
