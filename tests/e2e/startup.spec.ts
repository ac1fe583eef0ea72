import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

test("a production server refuses to start without AUTH_SECRET and APP_URL, and says why", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PGLITE_DIR: "memory://" };
  delete env.AUTH_SECRET;
  delete env.APP_URL;
  const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", "3199"], { env });
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
