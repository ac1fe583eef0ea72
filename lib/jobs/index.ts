import { recheckDueDomains } from "@/lib/domains/service";
import { purgeDeletedOrgs } from "@/lib/orgs/purge";

const EVERY_MS = 60_000;

/**
 * Background work any number of app instances may run at once: each job claims its rows with
 * FOR UPDATE SKIP LOCKED, so no two instances take the same ones. Started once per server process.
 */
export function startJobs() {
  const run = (name: string, job: () => Promise<unknown>) => () =>
    void job().catch((error) => console.error(`Background job ${name} failed:`, error));
  const jobs = [run("domain re-check", () => recheckDueDomains()), run("purge of deleted organizations", () => purgeDeletedOrgs())];
  setInterval(() => jobs.forEach((job) => job()), EVERY_MS).unref();
}
