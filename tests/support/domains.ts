import { afterAll, beforeAll } from "vitest";
import { getAuthSettings } from "@/lib/auth-settings/service";
import { checkDomain } from "@/lib/domains/service";
import { startDnsServer } from "./dns";
import { orgActorOf, type Person } from "./people";

type Dns = Awaited<ReturnType<typeof startDnsServer>>;
const holder: { current: Dns | null } = { current: null };

let registered = false;

/**
 * A real DNS server on loopback for the calling test file (ATRIUM_DNS_SERVERS points at it
 * meanwhile). Calling it again in the same file gives the same server.
 */
export function useDnsServer(): { readonly current: Dns } {
  if (registered) return holder as { readonly current: Dns };
  registered = true;
  beforeAll(async () => {
    holder.current = await startDnsServer();
  });
  afterAll(async () => {
    await holder.current?.close();
    holder.current = null;
  });
  return holder as { readonly current: Dns };
}

/**
 * Proves the organization's pending domains as its owner would: publishes each claim's TXT record
 * on the test DNS server, then "Check now". Needs useDnsServer() in the test file.
 */
export async function proveDomains(owner: Person, org: { slug: string }, only?: string[]) {
  const dns = holder.current;
  if (!dns) throw new Error("proveDomains needs useDnsServer() in the test file");
  const actor = await orgActorOf(owner, org.slug);
  const { domainClaims } = await getAuthSettings(actor);
  for (const claim of domainClaims.filter((c) => c.status === "pending" && (!only || only.includes(c.domain)))) {
    dns.setTxt(claim.record.name, claim.record.value);
    await checkDomain(actor, claim.domain);
  }
}
