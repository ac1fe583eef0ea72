import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    env: { AUTH_SECRET: "test-secret-not-for-production", APP_URL: "http://localhost:3000" },
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses: let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
