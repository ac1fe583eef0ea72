import { expect, test } from "@playwright/test";
import { expectAccessible, linkFromInbox, signUp, uniqueEmail } from "./support";

// Runs in the "dev-inbox" project: verification and invitation links are read from /dev/mail.

test("teams and projects: a team granted write, an outside collaborator who sees only their project, a viewer refused writes in the UI and the API, a public project readable by anyone until the org turns private", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const orgName = `Projects ${suffix}`;
  const slug = `projects-${suffix}`;
  const owner = { name: "Olive Owner", email: uniqueEmail("owner") };
  const viewer = { name: "Vera Viewer", email: uniqueEmail("viewer") };

  // The owner creates the organization.
  await signUp(page, owner.name, owner.email);
  await page.getByLabel("Name").fill(orgName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  // A team: the empty state says what to do; creating it says so.
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Teams" }).click();
  await expect(page.getByText("Create a team below")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/^Name/).fill("Vision");
  await page.getByLabel(/^Slug/).fill("vision");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/teams/vision`));
  await expect(page.getByRole("status")).toContainText("Team created.");
  await expectAccessible(page);

  // Two projects: a private one for the team, a public one for everyone.
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByText("Create the first project below")).toBeVisible();
  await expectAccessible(page);
  for (const [name, projectSlug, visibility] of [
    ["Detector", "detector", "private"],
    ["Showcase", "showcase", "public"],
  ] as const) {
    await page.goto(`/${slug}/projects`);
    const form = page.getByRole("group", { name: "Project details" });
    await form.getByLabel(/^Name/).fill(name);
    await form.getByLabel(/^Slug/).fill(projectSlug);
    await form.getByLabel("Visibility").selectOption(visibility);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/projects/${projectSlug}\\?created=1`));
    await expect(page.getByRole("status")).toContainText("Project created.");
  }
  // While the organization is private, its public project says it counts as internal.
  await expect(page.getByText("Public, counts as internal")).toBeVisible();
  await expectAccessible(page);

  // Grant the team write on the private project.
  await page.goto(`/${slug}/projects/detector/access`);
  await page.getByLabel("Team", { exact: true }).selectOption("vision");
  await page.getByLabel("Team's role").selectOption("write");
  await page.getByRole("button", { name: "Give team access" }).click();
  await expect(page.getByText("Team Vision now has Write access.").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Teams with access" })).toContainText("Write");
  await expectAccessible(page);

  // An outside collaborator is invited to the private project only, and accepts.
  const guest = { name: "Gil Guest", email: uniqueEmail("guest") };
  await page.getByRole("textbox", { name: "Email address", exact: true }).fill("someone@localhost");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await page.getByRole("textbox", { name: "Email address", exact: true }).fill(guest.email);
  await page.getByLabel("Role on this project").selectOption("read");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${guest.email}.`).first()).toBeVisible();
  const pending = page.getByRole("region", { name: "Pending project invitations" });
  await expect(pending).toContainText(guest.email);
  await expectAccessible(page);
  // A second invitation, resent and then revoked (after a confirmation) on a phone-sized screen.
  const other = uniqueEmail("other");
  await page.getByRole("textbox", { name: "Email address", exact: true }).fill(other);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(pending).toContainText(other);
  await page.setViewportSize({ width: 390, height: 844 });
  await pending.getByRole("button", { name: `Resend the invitation for ${other}` }).click();
  await expect(page.getByText("Invitation sent again with a new link.").first()).toBeVisible();
  await pending.getByRole("button", { name: `Revoke the invitation for ${other}` }).click();
  const revokeDialog = page.getByRole("dialog");
  await expect(revokeDialog).toContainText(`Revoke the invitation for ${other}?`);
  await expectAccessible(page);
  await revokeDialog.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText("Invitation revoked: its link no longer works.").first()).toBeVisible();
  await expect(pending).not.toContainText(other);
  await page.setViewportSize({ width: 1280, height: 800 });

  const guestLink = await linkFromInbox(page, guest.email, "/invite/");
  const guestContext = await browser.newContext();
  const guestPage = await guestContext.newPage();
  await signUp(guestPage, guest.name, guest.email);
  await guestPage.goto(guestLink);
  await expect(guestPage.getByRole("heading", { name: "Collaborate on Detector" })).toBeVisible();
  await expectAccessible(guestPage);
  await guestPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guestPage).toHaveURL(new RegExp(`/${slug}/projects/detector$`));
  await expect(guestPage.getByRole("status")).toContainText(`You can now see Detector in ${orgName} as Read.`);
  await expect(guestPage.getByRole("navigation", { name: "Breadcrumb" })).toContainText(orgName);
  await expect(guestPage.getByRole("navigation", { name: "Organization" })).toHaveCount(0);
  await expectAccessible(guestPage);
  // They see that project and nothing else of the organization.
  await guestPage.goto(`/${slug}/projects`);
  const guestList = guestPage.getByRole("list", { name: "Projects" });
  await expect(guestList.getByRole("link", { name: "Detector" })).toBeVisible();
  await expect(guestList.getByRole("link")).toHaveCount(1);
  // Their list of organizations shows where to find it again.
  await guestPage.goto("/");
  await expect(guestPage).toHaveURL(/\/orgs$/);
  await expect(guestPage.getByRole("region", { name: "Projects shared with you" })).toContainText(`Detector`);
  await expect(guestPage.getByRole("region", { name: "Projects shared with you" })).toContainText(`in ${orgName}, as an outside collaborator`);
  await expectAccessible(guestPage);
  for (const path of ["", "/members", "/teams", "/projects/showcase"]) expect((await guestPage.request.get(`/${slug}${path}`)).status(), path).toBe(404);
  expect((await guestPage.request.get(`/api/v1/orgs/${slug}/members`)).status()).toBe(404);
  expect((await guestPage.request.get(`/api/v1/orgs/${slug}/teams`)).status()).toBe(404);
  const guestProjects = await (await guestPage.request.get(`/api/v1/orgs/${slug}/projects`)).json();
  expect(guestProjects.items.map((p: { slug: string }) => p.slug)).toEqual(["detector"]);
  // The owner sees them as an outside collaborator with a direct grant; the invitation is no longer pending.
  await page.goto(`/${slug}/projects/detector/access`);
  await expect(page.getByRole("list", { name: "People with direct access" })).toContainText(guest.email);
  await expect(page.getByText("No pending invitations")).toBeVisible();
  await guestContext.close();

  // Invite a viewer, who joins.
  await page.goto(`/${slug}/invitations`);
  await page.getByLabel("Email addresses").fill(viewer.email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByTestId("invite-report")).toContainText("Invited");
  const inviteLink = await linkFromInbox(page, viewer.email, "/invite/");
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signUp(viewerPage, viewer.name, viewer.email);
  await viewerPage.goto(inviteLink);
  await viewerPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`/${slug}`));

  // The viewer reads the public project, sees no private one, and is refused writes in the UI…
  await viewerPage.goto(`/${slug}/projects`);
  const list = viewerPage.getByRole("list", { name: "Projects" });
  await expect(list.getByRole("link", { name: "Showcase" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Detector" })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: "New project" })).toHaveCount(0);
  await expectAccessible(viewerPage);
  await viewerPage.getByRole("link", { name: "Showcase" }).click();
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Showcase" })).toBeVisible();
  await expect(viewerPage.getByRole("navigation", { name: "Project" }).getByRole("link")).toHaveText(["Overview", "Runs"]);
  await expect(viewerPage.getByText("Read: Viewer of the organization")).toBeVisible();
  await expectAccessible(viewerPage);
  await viewerPage.goto(`/${slug}/projects/showcase/settings`);
  await expect(viewerPage.getByText("Only project admins change these settings.")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete project" })).toHaveCount(0);
  await viewerPage.goto(`/${slug}/teams`);
  await expect(viewerPage.getByRole("link", { name: "New team" })).toHaveCount(0);
  // …and in the API.
  const refused = await viewerPage.request.patch(`/api/v1/orgs/${slug}/projects/showcase`, { data: { name: "Renamed" } });
  expect(refused.status()).toBe(403);
  expect((await viewerPage.request.get(`/api/v1/orgs/${slug}/projects/detector`)).status()).toBe(404);

  // On the team, the viewer receives its write on the private project, and the page says why.
  await page.goto(`/${slug}/teams/vision`);
  await page.getByLabel("Email of an organization member").fill(viewer.email);
  await page.getByRole("button", { name: "Add to team" }).click();
  await expect(page.getByText(`${viewer.name} added to the team.`).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Members of Vision" })).toContainText(viewer.name);
  await viewerPage.goto(`/${slug}/projects/detector`);
  await expect(viewerPage.getByText("Write: Team Vision")).toBeVisible();

  // The access tab explains it and checks a person.
  await page.goto(`/${slug}/projects/detector/access?source=team`);
  await expect(page.getByRole("list", { name: "People with access" })).toContainText(viewer.name);
  await page.getByRole("textbox", { name: "Check a person" }).fill(viewer.email);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByRole("region", { name: "Checked person" })).toContainText("Write: Team Vision");
  await expectAccessible(page);
  const csv = await page.request.get(`/api/v1/orgs/${slug}/projects/detector/access?format=csv`);
  expect(await csv.text()).toContain(viewer.email);

  // The organization turns public: an anonymous visitor reads its profile and its public project.
  await page.goto(`/${slug}/settings`);
  await page.getByLabel("Visibility").selectOption("public");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved.").first()).toBeVisible();
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(`/${slug}`);
  await expect(anonymous.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expectAccessible(anonymous);
  await anonymous.getByRole("link", { name: "Showcase" }).click();
  await expect(anonymous.getByRole("heading", { level: 1, name: "Showcase" })).toBeVisible();
  await expect(anonymous.getByText("anyone can read it")).toBeVisible();
  await expectAccessible(anonymous);

  // Private again: the next request is a 404, page and API alike.
  await page.goto(`/${slug}/settings`);
  await page.getByLabel("Visibility").selectOption("private");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved.").first()).toBeVisible();
  expect((await anonymous.request.get(`/${slug}/projects/showcase`)).status()).toBe(404);
  expect((await anonymous.request.get(`/${slug}`)).status()).toBe(404);
  expect((await anonymous.request.get(`/api/v1/orgs/${slug}/projects/showcase`)).status()).toBe(404);

  // Deleting a project asks for its slug.
  await page.goto(`/${slug}/projects/showcase/settings`);
  await page.getByRole("button", { name: "Delete project" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Delete this project" })).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("showcase");
  await dialog.getByRole("button", { name: "Delete this project" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/projects\\?deleted=showcase`));
  await expect(page.getByRole("status")).toContainText("Project showcase deleted.");
  await viewerContext.close();
});
