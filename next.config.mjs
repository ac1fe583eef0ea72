/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM through file URLs that Turbopack would rewrite (STACK.md, trap 1).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // The container image (Dockerfile) runs the self-contained server; `next start` runs the usual build.
  output: process.env.ATRIUM_STANDALONE === "true" ? "standalone" : undefined,
  // forbidden() renders app/forbidden.tsx with a 403 for members who may see a page but not act on it.
  experimental: { authInterrupts: true },
};
export default nextConfig;
