import { expect, request, test, type Page } from "@playwright/test";
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

test("runs, registry, hub and storage: a token-driven client writes runs, a member tags and stops one, the owner promotes one and moves @production, a component version uploaded, tagged stable and diffed, storage usage", async ({ page, browser }) => {
  test.setTimeout(300_000);
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

  // A project whose training code writes runs with a run token made on its settings tab.
  await nav.getByRole("link", { name: "Projects" }).click();
  const projectForm = page.getByRole("group", { name: "Project details" });
  await projectForm.getByLabel(/^Name/).fill("Vision");
  await projectForm.getByLabel(/^Slug/).fill("vision");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/projects/vision\\?created=1`));
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Runs" }).click();
  await expect(page.getByText("create a run token on the project's Settings tab")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel(/^Token name/).fill("nightly training");
  await page.getByRole("button", { name: "Create run token" }).click();
  const token = (await page.getByTestId("new-run-token").locator("code").textContent())!;
  expect(token).toMatch(/^atr_run_/);
  await expect(page.getByRole("region", { name: "Run tokens" })).toContainText("nightly training");
  await expectAccessible(page);

  const digest = (await (await page.request.get(`/api/v1/orgs/${slug}/components/train-classifier/versions/2`)).json()).digest as string;
  const client = await request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const runsApi = `/api/v1/orgs/${slug}/projects/vision/runs`;
  const created = await client.post(runsApi, {
    data: {
      runs: [
        { name: "prepare data", kind: "job", status: "running", inputs: { source: "cards-2026" } },
        { name: "train lr=0.01", status: "running", inputs: { learning_rate: 0.01, target: "fraud" }, componentDigest: digest },
        { name: "train lr=0.1", status: "running", inputs: { learning_rate: 0.1, target: "fraud" }, componentDigest: digest },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const [prep, train] = (await created.json()).runs as { id: string; number: number }[];
  const artifact = (path: string, size: number, hex: string) => ({ path, size, digest: `sha256:${hex.repeat(64)}` });
  expect((await client.post(`${runsApi}/${prep.number}/artifacts`, { data: { artifacts: [artifact("data/train.parquet", 3_000_000, "a")] } })).status()).toBe(201);
  expect((await client.patch(`${runsApi}/${prep.number}`, { data: { status: "succeeded", outputs: { rows: 120000 } } })).status()).toBe(200);
  expect((await client.post(`${runsApi}/${train.number}/artifacts`, { data: { artifacts: [artifact("model.pt", 4_000_000, "b")] } })).status()).toBe(201);
  expect((await client.patch(`${runsApi}/${train.number}`, { data: { status: "succeeded", outputs: { auc: 0.95 }, upstream: [prep.id] } })).status()).toBe(200);
  expect((await client.patch(`${runsApi}/3`, { data: { outputs: { auc: 0.9 } } })).status()).toBe(200);
  // The token reaches this project's runs and nothing else.
  expect((await client.get(`/api/v1/orgs/${slug}/members`)).status()).toBe(403);

  // The member tags one run from the list and stops another, which its client then confirms.
  await memberPage.goto(`/${slug}/projects/vision/runs`);
  const runs = memberPage.getByRole("region", { name: "Runs" });
  await expect(runs.getByRole("link")).toHaveText(["#3 train lr=0.1", "#2 train lr=0.01", "#1 prepare data"]);
  await expect(runs.getByRole("row", { name: /#1 prepare data/ })).toContainText("Token nightly training");
  await expectAccessible(memberPage);
  await memberPage.getByLabel("Select run #2").check();
  await memberPage.getByLabel("Tag for the selected runs").fill("best");
  await memberPage.getByRole("button", { name: "Apply to selected" }).click();
  await memberPage.getByRole("dialog").getByRole("button", { name: "Tag 1 run" }).click();
  await expect(memberPage.getByRole("list", { name: "Report" })).toContainText("Run #2 tagged");
  await expectAccessible(memberPage);
  await memberPage.getByRole("button", { name: "Done" }).click();
  await memberPage.getByLabel("Tag", { exact: true }).fill("best");
  await memberPage.getByRole("button", { name: "Filter" }).click();
  await expect(runs.getByRole("link")).toHaveText(["#2 train lr=0.01"]);
  await memberPage.goto(`/${slug}/projects/vision/runs/3`);
  await memberPage.getByRole("button", { name: "Stop run" }).click();
  await expectAccessible(memberPage);
  await memberPage.getByRole("dialog").getByRole("button", { name: "Stop run" }).click();
  await expect(memberPage.getByText("Run #3 was asked to stop").first()).toBeVisible();
  await expect(memberPage.getByRole("heading", { level: 1 }).locator("..")).toContainText("Stopping");
  expect((await client.patch(`${runsApi}/3`, { data: { status: "stopped", reason: "stop acknowledged" } })).status()).toBe(200);
  await memberPage.reload();
  const statuses = memberPage.getByRole("region", { name: "Status history" });
  await expect(statuses.getByRole("row", { name: /Stopping/ }).first()).toContainText(member.name);
  await expect(statuses.getByRole("row", { name: /stop acknowledged/ })).toBeVisible();
  await expect(memberPage.getByRole("heading", { name: "Promote to registry" })).toHaveCount(0);
  await expectAccessible(memberPage);
  await expectPhoneFit(memberPage);

  // The owner promotes run #2 to the model and points the protected @production at the new version.
  await page.goto(`/${slug}/projects/vision/runs/2`);
  await expect(page.getByRole("list", { name: "Upstream runs" })).toContainText("#1 prepare data");
  await page.getByLabel(/^Model/).selectOption("fraud-detector");
  await page.getByLabel("Version description").fill("Trained on the cards of 2026");
  await page.getByRole("button", { name: "Promote to registry" }).click();
  await expect(page.getByText("Promoted to fraud-detector as version 4.").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("list", { name: "Promotions" }).getByRole("link", { name: "fraud-detector version 4" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/registry/fraud-detector#version-4$`));
  await expect(page.getByRole("region", { name: "Versions" }).getByRole("row", { name: /Version 4/ })).toContainText("Run #2 train lr=0.01");
  await page.getByLabel("@production, now version 3").selectOption("4");
  await page.getByLabel("Reason").fill("Promoted from run #2");
  await page.getByRole("button", { name: "Apply these moves" }).click();
  await page.getByRole("dialog", { name: "Move protected alias @production?" }).getByRole("button", { name: "Move alias" }).click();
  await expect(page.getByText("Moved @production to version 4.").first()).toBeVisible();
  await expectAccessible(page);

  // The hub shows which runs used each version.
  await page.goto(`/${slug}/hub/train-classifier`);
  await expect(page.getByRole("region", { name: "Versions" }).getByRole("row", { name: /Version 2/ })).toContainText("2 runs");
  await expectAccessible(page);

  // Storage: versions 1–3 (6 MB), the runs' artifacts (7 MB) and version 4 (4 MB) = 17,000,000 bytes.
  await nav.getByRole("link", { name: "Storage" }).click();
  await expect(page.getByRole("table", { name: "Storage usage" }).getByRole("row", { name: /In use/ })).toContainText("16.2 MiB");
  await expect(page.getByRole("region", { name: "Largest projects" })).toContainText("Vision");
  await expect(page.getByRole("region", { name: "Largest runs" }).getByRole("row").nth(1)).toContainText("#2 train lr=0.01");
  await expectAccessible(page);
  await expectPhoneFit(page);
  await client.dispose();

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
