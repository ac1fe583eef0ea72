import { closeDb } from "@/db/client";
import { authSecret, mailDeliveryProblem, productionConfigProblem } from "@/lib/config";
import { startDraining } from "@/lib/health/ready";
import { log } from "@/lib/log";
import { deliverSoon } from "@/lib/mail/outbox";
import { parseProxyTrust } from "@/lib/http/client-ip";
import { appendPeerAddress } from "@/lib/http/peer-address";
import { startJobs } from "@/lib/jobs";

const problem = productionConfigProblem();
if (problem) {
  log.error("server.refused", { message: problem });
  process.exit(1);
}
// In development this creates ./.data/auth-secret on the first start.
authSecret();

const mailProblem = mailDeliveryProblem();
if (mailProblem) log.warn("mail.not_configured", { message: `${mailProblem} Set SMTP_URL (see README).` });

// Mail that failed, or was queued by a process that stopped, is retried here; any instance may do it.
setTimeout(deliverSoon, 1_000).unref();
setInterval(deliverSoon, Number(process.env.ATRIUM_MAIL_POLL_SECONDS ?? 30) * 1_000).unref();
// Every request learns the address it came from (client IPs trust forwarded headers only from configured hops).
appendPeerAddress();
if (!parseProxyTrust(process.env.ATRIUM_TRUSTED_PROXIES)) {
  log.warn("proxy.trust_invalid", { message: "ATRIUM_TRUSTED_PROXIES is neither a hop count (0-10) nor a list of addresses and ranges: no proxy is trusted." });
}
// Domain proofs re-checked and deleted organizations purged in the background, safe with several instances.
startJobs();

/**
 * Graceful shutdown. `next start` itself stops accepting connections on SIGTERM, lets in-flight
 * requests finish, then calls process.exit: we report not ready at once and close the database
 * pool at that exit (PGlite also flushes its folder: STACK.md, trap 15). A stuck request cannot
 * hold the process past 30 s.
 */
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    log.info("server.stopping", { signal });
    startDraining();
    const exit = process.exit.bind(process);
    process.exit = ((code?: number) => {
      void closeDb().finally(() => {
        log.info("server.stopped", { code });
        exit(code);
      });
    }) as typeof process.exit;
    setTimeout(() => exit(1), 30_000).unref();
  });
}
