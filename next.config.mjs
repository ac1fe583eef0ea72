/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM through file URLs that Turbopack would rewrite (STACK.md, trap 1).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
};
export default nextConfig;
