import { Resolver } from "node:dns/promises";

/** What a TXT lookup found: the records, none (the name or its TXT records do not exist), or a failure. */
export type TxtLookup = { kind: "found"; records: string[] } | { kind: "none" } | { kind: "failed"; reason: string };

const NOT_THERE = new Set(["ENOTFOUND", "ENODATA", "ENONAME"]);

/**
 * The resolver for domain proofs: the servers in ATRIUM_DNS_SERVERS ("1.1.1.1,9.9.9.9:53",
 * comma-separated, an optional port each), or the system's. Never called inside a database transaction.
 */
function resolver() {
  const r = new Resolver({ timeout: 3000, tries: 2 });
  const servers = (process.env.ATRIUM_DNS_SERVERS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (servers.length) r.setServers(servers);
  return r;
}

export async function lookupTxt(name: string): Promise<TxtLookup> {
  try {
    const records = await resolver().resolveTxt(name);
    return { kind: "found", records: records.map((chunks) => chunks.join("")) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (NOT_THERE.has(code)) return { kind: "none" };
    return { kind: "failed", reason: code || "error" };
  }
}
