import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, linkFromInbox, signUp, uniqueEmail } from "./support";

// Runs in the "dev-inbox" project: verification and invitation links are read from /dev/mail.

const SPEC_V1 = `description: Train a classifier
inputs:
  - name: learning_rate
    type: float
    default: 0.001
  - name: epochs
    type: int
    default: 10
outputs:
  - name: model
    type: artifact
container:
  image: ghcr.io/acme/train:1.0
  command: [python, train.py]
`;
// Version 2 drops epochs, adds a required target and moves to a new image.
const SPEC_V2 = SPEC_V1.replace("  - name: epochs\n    type: int\n    default: 10\n", "  - name: target\n    type: str\n").replace(":1.0", ":1.1");

/** Nothing sticks out sideways at 390 px, and the page is still accessible there. */
async function expectPhoneFit(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("registry, hub and storage: models with aliases moved and protected, a component version uploaded, tagged stable and diffed, storage usage", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const orgName = `Registry ${suffix}`;
  const slug = `registry-${suffix}`;
  const owner = { name: "Olive Owner", email: uniqueEmail("owner") };
  const member = { name: "Milo Member", email: uniqueEmail("member") };
  const nav = page.getByRole("navigation", { name: "Organization" });

  await signUp(page, owner.name, owner.email);
  await page.getByLabel("Name").fill(orgName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  // The registry starts empty and says what to do; a bad name is refused next to its field.
  await nav.getByRole("link", { name: "Registry" }).click();
  await expect(page.getByText("Create a model below")).toBeVisible();
  await expectAccessible(page);
  await expectPhoneFit(page);
  await page.getByLabel(/^Name/).fill("Fraud Detector!");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(page.getByLabel(/^Name/)).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel(/^Name/).fill("fraud-detector");
  await page.getByLabel("Tags").fill("tabular, baseline");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/registry/fraud-detector$`));
  await expect(page.getByRole("status").filter({ hasText: "Model fraud-detector created." })).toBeVisible();
  await expect(page.getByText("No versions yet")).toBeVisible();
  await expectAccessible(page);

  // Three versions through the API.
  for (const week of [1, 2, 3]) {
    const res = await page.request.post(`/api/v1/orgs/${slug}/models/fraud-detector/versions`, {
      data: { description: `Week ${week}`, outputs: { auc: 0.9 + week / 100 }, artifacts: [{ path: "model.pkl", digest: `sha256:${String(week).repeat(64)}`, size: 1_000_000 * week }] },
    });
    expect(res.status()).toBe(201);
  }

  // Two aliases in one request, then @production protected.
  await page.reload();
  await page.getByLabel("New alias").fill("production");
  await page.getByLabel("Points to").selectOption("2");
  await page.getByLabel("Reason").fill("First rollout");
  await page.getByRole("button", { name: "Apply these moves" }).click();
  await expect(page.getByText("Moved @production to version 2.").first()).toBeVisible();
  await page.getByLabel("New alias").fill("staging");
  await page.getByLabel("Points to").selectOption("3");
  await page.getByRole("button", { name: "Apply these moves" }).click();
  await expect(page.getByText("Moved @staging to version 3.").first()).toBeVisible();
  await page.getByRole("button", { name: "Protect @production" }).click();
  await expect(page.getByText("@production is protected: only owners and admins may move it.").first()).toBeVisible();
  const aliases = page.getByRole("region", { name: "Aliases" });
  await expect(aliases.getByRole("row", { name: /@production/ })).toContainText("Owners and admins");
  await expectAccessible(page);

  // A member joins: they may move @staging but not the protected @production.
  await page.goto(`/${slug}/invitations`);
  await page.getByLabel("Email addresses").fill(member.email);
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByTestId("invite-report")).toContainText("Invited");
  const inviteLink = await linkFromInbox(page, member.email, "/invite/");
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, member.name, member.email);
  await memberPage.goto(inviteLink);
  await memberPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/${slug}`));
  await memberPage.goto(`/${slug}/registry`);
  await expect(memberPage.getByRole("link", { name: "New model" })).toHaveCount(0);
  await memberPage.getByRole("link", { name: "fraud-detector" }).click();
  await expect(memberPage.getByRole("button", { name: "Delete model" })).toHaveCount(0);
  await expect(memberPage.getByRole("button", { name: /Protect/ })).toHaveCount(0);
  await memberPage.getByLabel("@production, now version 2").selectOption("3");
  await memberPage.getByRole("button", { name: "Apply these moves" }).click();
  await memberPage.getByRole("dialog").getByRole("button", { name: "Move alias" }).click();
  await expect(memberPage.getByRole("alert").filter({ hasText: "@production is protected: only owners and admins may move it." })).toBeVisible();
  await memberPage.getByLabel("@production, now version 2").selectOption("");
  await memberPage.getByLabel("@staging, now version 3").selectOption("1");
  await memberPage.getByLabel("Reason").fill("Roll staging back");
  await memberPage.getByRole("button", { name: "Apply these moves" }).click();
  await expect(memberPage.getByText("Moved @staging to version 1.").first()).toBeVisible();
  await expectAccessible(memberPage);

  // The owner moves the protected @production, confirming first; the history says who, what and why.
  await page.goto(`/${slug}/registry/fraud-detector`);
  const beforeMove = new Date(Date.now() - 1000).toISOString().slice(0, 19);
  await page.getByLabel("@production, now version 2").selectOption("3");
  await page.getByLabel("Reason").fill("Week 3 wins on AUC");
  await page.getByRole("button", { name: "Apply these moves" }).click();
  const confirm = page.getByRole("dialog", { name: "Move protected alias @production?" });
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Move alias" }).click();
  await expect(page.getByText("Moved @production to version 3.").first()).toBeVisible();
  const history = page.getByRole("region", { name: "Alias moves" });
  await expect(history.getByRole("row").nth(1)).toContainText("version 2 → version 3");
  await expect(history.getByRole("row").nth(1)).toContainText("Week 3 wins on AUC");
  await expect(history.getByRole("row", { name: /Roll staging back/ })).toContainText(member.name);
  // What was @production just before that move?
  await page.getByLabel("Alias", { exact: true }).selectOption("production");
  await page.getByLabel("Time (UTC)").fill(beforeMove);
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "@production pointed to version 2." })).toBeVisible();
  await expectAccessible(page);
  await expectPhoneFit(page);

  // The hub: a component with its first version, a refused upload that names its line, then version 2.
  await nav.getByRole("link", { name: "Hub" }).click();
  await expect(page.getByText("Create a component below")).toBeVisible();
  await expectAccessible(page);
  const form = page.getByRole("group", { name: "Component details" });
  await form.getByLabel(/^Name/).fill("train-classifier");
  await form.getByLabel("Description").fill("Trains a classifier on a table.");
  await form.getByLabel("README").fill("Give it a table and the target column.");
  await form.getByLabel(/YAML spec/).fill(SPEC_V1);
  await page.getByRole("button", { name: "Create component" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/hub/train-classifier$`));
  await expect(page.getByRole("heading", { name: "Version 1" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Inputs of version 1" })).toContainText("learning_rate");
  await expectAccessible(page);
  const spec = page.getByLabel(/^YAML spec/);
  await spec.fill(SPEC_V2.replace("type: str", "type: string"));
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(page.getByText("Line 7, column 11: inputs.1.type: Must be one of")).toBeVisible();
  await expect(spec).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await spec.fill(SPEC_V2);
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(page.getByText("Version 2 uploaded.").first()).toBeVisible();

  // Tagged stable; the diff against version 1 names what changed.
  await page.getByLabel("New tag").fill("stable");
  await page.getByLabel("Points to").selectOption("2");
  await page.getByRole("button", { name: "Apply these moves" }).click();
  await expect(page.getByText("Moved stable to version 2.").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Tags" }).getByRole("row", { name: /stable/ })).toContainText("Version 2");
  await page.getByLabel("From", { exact: true }).selectOption("1");
  await page.getByLabel("To", { exact: true }).selectOption("2");
  await page.getByRole("button", { name: "Compare" }).click();
  const diff = page.getByRole("region", { name: "Changes from version 1 to version 2" });
  await expect(diff).toContainText("New required input target.");
  await expect(diff).toContainText("Input epochs was removed.");
  await expect(diff).toContainText("ghcr.io/acme/train:1.0 → ghcr.io/acme/train:1.1");
  await expectAccessible(page);
  await expectPhoneFit(page);

  // Storage counts the registry's artifacts (1 + 2 + 3 MB).
  await nav.getByRole("link", { name: "Storage" }).click();
  await expect(page.getByRole("table", { name: "Storage usage" }).getByRole("row", { name: /In use/ })).toContainText("5.72 MiB");
  await expectAccessible(page);
  await expectPhoneFit(page);

  // Deleting the model asks for its name.
  await page.goto(`/${slug}/registry/fraud-detector`);
  await page.getByRole("button", { name: "Delete model" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete this model" })).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("fraud-detector");
  await dialog.getByRole("button", { name: "Delete this model" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/registry$`));
  await expect(page.getByRole("status").filter({ hasText: "Model fraud-detector deleted" })).toBeVisible();
  await memberContext.close();
});
