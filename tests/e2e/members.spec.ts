import { expect, test, type Page } from "@playwright/test";
import { E2E_PASSWORD as PASSWORD, expectAccessible, linkFromSmtp, signUp, smtpMessages, uniqueEmail } from "./support";

// Runs in the "smtp" project: the server sends every mail over SMTP to the sink, and there is no
// dev inbox, so every link (verification and invitations) is read from what the sink received.

test("invite over real SMTP, join through the link, change a role, refuse a viewer, remove a member, audit it all", async ({ page, browser }) => {
  // Three people, about twenty pages each checked with axe, beside the other project's worker on
  // two cores: about 45–70 s, more than the default 60 s.
  test.setTimeout(150_000);
  const suffix = Date.now().toString(36);
  const orgName = `Members ${suffix}`;
  const slug = `members-${suffix}`;
  const owner = { name: "Olive Owner", email: uniqueEmail("owner") };
  const newcomer = { name: "Nora Newcomer", email: uniqueEmail("newcomer") };
  const existing = { name: "Edsger Existing", email: uniqueEmail("existing") };

  // A person who already has a verified account, in a second browser context.
  const existingContext = await browser.newContext();
  const existingPage = await existingContext.newPage();
  await signUp(existingPage, existing.name, existing.email);

  // The owner signs up, verifies through the SMTP sink, and creates the organization.
  await page.goto("/signup");
  await expectAccessible(page);
  await signUp(page, owner.name, owner.email);
  await page.getByLabel("Name").fill(orgName);
  await expect(page.getByLabel("URL")).toHaveValue(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));

  // Invite both addresses as members in one go; each address is reported.
  await page.getByRole("link", { name: "Invitations", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/invitations$`));
  await expectAccessible(page);
  await page.getByLabel("Email addresses").fill(`${newcomer.email},\n${existing.email.toUpperCase()}`);
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Send invitations" }).click();
  const report = page.getByTestId("invite-report");
  await expect(report.getByRole("listitem")).toHaveCount(2);
  await expect(report.getByRole("listitem").filter({ hasText: "Invited" })).toHaveCount(2);
  await expectAccessible(page);

  // Both mails really left over SMTP: the pending list shows them as sent.
  await expect(async () => {
    await page.reload();
    for (const email of [newcomer.email, existing.email]) {
      await expect(page.getByRole("row", { name: email })).toContainText("Sent", { timeout: 1_000 });
    }
  }).toPass({ timeout: 15_000 });
  await expectAccessible(page);

  // The mail says who invited them, to what, with which role, and until when.
  const newcomerLink = await linkFromSmtp(newcomer.email, "/invite/");
  const [invitationMail] = await smtpMessages(newcomer.email);
  expect(invitationMail.subject).toBe(`${owner.name} invited you to ${orgName} on Atrium`);
  expect(invitationMail.text).toContain(`${owner.name} invited you to join ${orgName} on Atrium as a member.`);
  expect(invitationMail.text).toMatch(/The link expires on /);
  expect(newcomerLink).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]+$/);

  // The new person opens the link signed out, and signs up through it with the address prefilled.
  const newcomerContext = await browser.newContext();
  const newcomerPage = await newcomerContext.newPage();
  await newcomerPage.goto(newcomerLink);
  await expect(newcomerPage.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
  await expect(newcomerPage.getByText(owner.name).first()).toBeVisible();
  await expectAccessible(newcomerPage);
  await newcomerPage.getByRole("link", { name: "Create an account" }).click();
  await expect(newcomerPage).toHaveURL(/\/signup\?/);
  await expect(newcomerPage.getByLabel("Email")).toHaveValue(newcomer.email);
  await expectAccessible(newcomerPage);
  await newcomerPage.getByLabel("Name").fill(newcomer.name);
  await newcomerPage.getByLabel("Password").fill(PASSWORD);
  await newcomerPage.getByRole("button", { name: "Create account" }).click();
  // Arriving from the link proved the address: straight to Accept, no verification step.
  await expect(newcomerPage).toHaveURL(/\/invite\//);
  await expectAccessible(newcomerPage);
  await newcomerPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(newcomerPage).toHaveURL(new RegExp(`/${slug}$`));
  await expect(newcomerPage.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expectAccessible(newcomerPage);
  expect((await smtpMessages(newcomer.email)).map((m) => m.subject)).toEqual([invitationMail.subject]);

  // The existing user sees the invitation on their list, and accepts through the link; a double
  // click on Accept joins once.
  await existingPage.goto("/orgs");
  await expect(existingPage.getByRole("region", { name: "Your invitations" })).toContainText(orgName);
  await expectAccessible(existingPage);
  await existingPage.goto(await linkFromSmtp(existing.email, "/invite/"));
  await expectAccessible(existingPage);
  await existingPage.getByRole("button", { name: "Accept invitation" }).dblclick();
  await expect(existingPage).toHaveURL(new RegExp(`/${slug}$`));
  await expect(existingPage.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  // The owner sees three members and makes the existing user a viewer.
  await page.goto(`/${slug}/members`);
  await expectAccessible(page);
  await expect(page.getByRole("row", { name: newcomer.email })).toContainText("Invitation");
  await expect(page.getByRole("row", { name: existing.email })).toContainText("Invitation");
  await page.getByLabel(`Role for ${existing.name}`).selectOption("viewer");
  await page.getByRole("button", { name: `Change role for ${existing.name}` }).click();
  await expect(page.getByText("Role changed.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Role for ${existing.name}`)).toHaveValue("viewer");
  await expectAccessible(page);

  // The viewer is refused an admin action: no way in from the UI, a forbidden page, a 403 from the API.
  await existingPage.goto(`/${slug}/members`);
  await expect(existingPage.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(existingPage.getByRole("link", { name: "Invitations" })).toHaveCount(0);
  await expect(existingPage.getByRole("link", { name: "Invite people" })).toHaveCount(0);
  await expect(existingPage.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expectAccessible(existingPage);
  const forbidden = await existingPage.goto(`/${slug}/invitations`);
  expect(forbidden?.status()).toBe(403);
  await expect(existingPage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expectAccessible(existingPage);
  const refused = await existingPage.request.post(`/api/v1/orgs/${slug}/invitations`, { data: { emails: [uniqueEmail("sneaky")], role: "viewer" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");

  // The owner removes the newcomer, who loses access on their next request.
  await page.getByRole("button", { name: `Remove ${newcomer.name}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(newcomer.email);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByText("Member removed.")).toBeVisible();
  await expect(page.getByRole("row", { name: newcomer.email })).toHaveCount(0);
  const gone = await newcomerPage.reload();
  expect(gone?.status()).toBe(404);
  await expect(newcomerPage.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  await expectAccessible(newcomerPage);
  expect((await newcomerPage.request.get(`/api/v1/orgs/${slug}/members`)).status()).toBe(404);

  // The audit log shows each step, once each (the double click joined once).
  await page.goto(`/${slug}/audit`);
  await expectAccessible(page);
  const rows = (action: string) => page.getByRole("row", { name: new RegExp(action.replace(".", "\\.")) });
  await expect(rows("invitation.created")).toHaveCount(2);
  await expect(rows("member.joined")).toHaveCount(2);
  await expect(rows("member.role_changed")).toHaveCount(1);
  await expect(rows("member.removed")).toHaveCount(1);
  await expect(rows("member.joined").filter({ hasText: existing.email })).toHaveCount(1);
  await expect(rows("member.role_changed")).toContainText(existing.email);
  await expect(rows("member.removed")).toContainText(newcomer.email);

  await existingContext.close();
  await newcomerContext.close();
});
