import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { call, freshDatabase, insertSignedInUser, postgresBin, privatePostgres, startApp, unique } from "./processes";
import { freePorts } from "./servers";

test("a production server refuses to start without AUTH_SECRET and APP_URL, and says why", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PGLITE_DIR: "memory://" };
  delete env.AUTH_SECRET;
  delete env.APP_URL;
  const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(freePorts(1)[0])], { env });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => server.kill("SIGKILL"), 30_000);
    server.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain("refuses to start in production without AUTH_SECRET and APP_URL");
});

test("a production server without SMTP_URL warns at start, and owners (only owners) see that invitations cannot be delivered", async ({ browser }) => {
  const bin = postgresBin();
  test.skip(!bin, "needs PostgreSQL server binaries for a private cluster");
  test.setTimeout(120_000);
  const pg = privatePostgres(bin!);
  const databaseUrl = await freshDatabase(pg.url(), "no_mail");
  const app = await startApp({ env: { DATABASE_URL: databaseUrl } });
  try {
    expect(app.output()).toMatch(/"level":"warn","event":"mail.not_configured","message":"No mail server is configured \(SMTP_URL is not set\)/);
    const owner = await insertSignedInUser(databaseUrl, "Nora Owner", `${unique("nora")}@example.com`);
    const slug = unique("nomail");
    expect((await call(`${app.url}/api/v1/orgs`, owner.cookie, "POST", { name: "No Mail Org", slug })).status).toBe(201);

    const context = await browser.newContext({ baseURL: app.url });
    const [name, value] = owner.cookie.split("=");
    await context.addCookies([{ name, value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`/${slug}`);
    await expect(page.getByRole("alert").filter({ hasText: "invitations, verification and password-reset emails cannot be delivered" })).toBeVisible();
    await context.close();

    // A member of the same organization is not shown it: there is nothing they could do.
    const member = await insertSignedInUser(databaseUrl, "Mo Member", `${unique("mo")}@example.com`);
    const postgres = (await import("postgres")).default;
    const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await db`insert into memberships (org_id, user_id, role, joined_via) select id, ${member.id}, 'member', 'seed' from organizations where slug = ${slug}`;
    await db.end();
    const memberContext = await browser.newContext({ baseURL: app.url });
    const [mName, mValue] = member.cookie.split("=");
    await memberContext.addCookies([{ name: mName, value: mValue, url: app.url }]);
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`/${slug}`);
    await expect(memberPage.getByRole("heading", { level: 1, name: "No Mail Org" })).toBeVisible();
    await expect(memberPage.getByText("cannot be delivered")).toHaveCount(0);
    await memberContext.close();
  } finally {
    await app.kill("SIGTERM");
    pg.destroy();
  }
});
