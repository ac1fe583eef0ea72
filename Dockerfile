# Atrium as a container: Next's standalone output (a self-contained server.js with only the
# node_modules it traces) on Node 20, the version the app is tested on.
#   docker build -t atrium .
#   docker run -e DATABASE_URL=… -e AUTH_SECRET=… -e APP_URL=https://atrium.example.com -e SMTP_URL=… -p 3000:3000 atrium
# Not built here (no container engine on the development machines): see docs/runbook.md.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 ATRIUM_STANDALONE=true
RUN npx next build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# Migrations apply on first use, from ./db/migrations (db/client.ts).
COPY --from=build --chown=node:node /app/db/migrations ./db/migrations
USER node
EXPOSE 3000
# Readiness: the database answers and every migration is applied (503 while shutting down).
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: stop accepting, finish in-flight requests, close the pool, exit (give it up to 30 s).
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
