import { closeDb } from "@/db/client";
import { authSecret, productionConfigProblem } from "@/lib/config";
import { deliverSoon } from "@/lib/mail/outbox";
import { appendPeerAddress } from "@/lib/http/peer-address";
import { startJobs } from "@/lib/jobs";

const problem = productionConfigProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}
// In development this creates ./.data/auth-secret on the first start.
authSecret();

// Mail that failed, or was queued by a process that stopped, is retried here; any instance may do it.
setInterval(deliverSoon, 30_000).unref();
appendPeerAddress(); startJobs(); // domains-http: client IPs (lib/http/peer-address.ts); domain re-checks and purges (lib/jobs)

// Close the database on shutdown: PGlite flushes its folder (STACK.md, trap 15).
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void closeDb().finally(() => process.exit(0)));
}
