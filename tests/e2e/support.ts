import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { SMTP_SINK_URL } from "./servers";

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

export type SinkMessage = { to: string; subject: string; text: string; receivedAt: string };

/** Every message the SMTP sink received for `email`, newest first (the "smtp" project only). */
export async function smtpMessages(email: string): Promise<SinkMessage[]> {
  const res = await fetch(`${SMTP_SINK_URL}/messages?to=${encodeURIComponent(email)}`);
  expect(res.ok, `SMTP sink answered ${res.status}`).toBe(true);
  return (await res.json()) as SinkMessage[];
}

/**
 * The newest link to `path` in mail the SMTP sink received for `email`. Mail leaves after the
 * transaction commits, asynchronously, so this polls for up to `timeout` ms.
 */
export async function linkFromSmtp(email: string, path: string, timeout = 10_000): Promise<string> {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const link = new RegExp(`https?://[^\\s"<>]*${escaped}[^\\s"<>]*`);
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        for (const message of await smtpMessages(email)) {
          found = link.exec(message.text)?.[0];
          if (found) return true;
        }
        return false;
      },
      { message: `a mail to ${email} with a link to ${path} in the SMTP sink`, timeout, intervals: [100, 250, 500] },
    )
    .toBe(true);
  return found!;
}

export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

export const E2E_PASSWORD = "a sturdy passphrase for e2e";

/**
 * Creates a password account: sign-up answers "check your email" (the same for a taken address), and
 * the mailed link, opened with the password, verifies the address and signs in. A new person with no
 * organization lands on the create page. Reads the mail from the SMTP sink in the "smtp" project.
 */
export async function signUp(page: Page, name: string, email: string, password = E2E_PASSWORD) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/signup\/sent/);
  await expect(page.getByRole("status")).toContainText("Open it to finish creating your account");
  const link = test.info().project.name === "smtp" ? await linkFromSmtp(email, "/verify-email/") : await linkFromInbox(page, email, "/verify-email/");
  await page.goto(link);
  await expectAccessible(page);
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);
}
