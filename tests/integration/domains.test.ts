/**
 * Domain proofs (issue 9 item 2) against a real DNS server on loopback: a claimed domain is pending
 * until its TXT record is found, and only verified domains drive open join, SSO by domain and JIT.
 */
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, orgDomains, users } from "@/db/schema";
import { updateAuthSettings } from "@/lib/auth-settings/service";
import { recheckDueDomains } from "@/lib/domains/service";
import { joinableOrg } from "@/lib/members/open-join";
import { findOrgSso } from "@/lib/sso/registry";
import { useFreshDatabase } from "../support/database";
import { proveDomains, useDnsServer } from "../support/domains";
import { api, bodyOf } from "../support/http";
import { ERROR_CODE, statusesByCaller } from "../support/matrix";
import { roleIn, seedOrg } from "../support/orgs";
import { actorOf, addMember, orgActorOf, quickPerson, type Person } from "../support/people";
import { ssoSignIn, useIdp, useOrgIdp } from "../support/sso";

useFreshDatabase();
const idp = useIdp();
// The same loopback DNS server useIdp brought along (ATRIUM_DNS_SERVERS points at it).
const dns = useDnsServer();

const uniqueDomain = () => `proof-${randomBytes(4).toString("hex")}.test`;

let owner: Person;
beforeAll(async () => {
  owner = await quickPerson({ name: "Owner" });
});

/** An organization claiming `domain` with open join on (nothing proven yet). */
async function claimingOrg(domain = uniqueDomain(), who = owner) {
  const org = await seedOrg([[who, "owner"]]);
  await updateAuthSettings(await orgActorOf(who, org.slug), { providers: [], domains: [domain], openJoin: true, defaultRole: "member", requireSso: false, oidc: null });
  return { org, domain };
}

const check = (slug: string, domain: string, who: Person | null = owner) => api("POST", `/api/v1/orgs/${slug}/domains/${encodeURIComponent(domain)}/check`, { as: who });
const recordOf = async (slug: string) => (await bodyOf(await api("GET", `/api/v1/orgs/${slug}/auth-settings`, { as: owner }))).domainClaims[0].record;

async function claimRows(domain: string) {
  const db = await getDb();
  return db.select().from(orgDomains).where(eq(orgDomains.domain, domain));
}

describe("the DNS TXT proof", () => {
  it("stays pending without the record, or with another token, and is verified once the record holds the token", async () => {
    const { org, domain } = await claimingOrg();
    const record = await recordOf(org.slug);
    expect(record).toEqual({ type: "TXT", name: `_atrium-verification.${domain}`, value: expect.stringMatching(/^atrium-verification=[0-9a-f]{32}$/) });

    let res = await check(org.slug, domain);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({ domain, status: "pending", lastCheckError: expect.stringContaining(`No TXT record _atrium-verification.${domain}`) });

    dns.current.setTxt(record.name, "atrium-verification=someone-elses-token", "v=spf1 -all");
    expect(await bodyOf(await check(org.slug, domain))).toMatchObject({ status: "pending" });

    dns.current.setTxt(record.name, "v=spf1 -all", record.value);
    res = await check(org.slug, domain);
    expect(await bodyOf(res)).toMatchObject({ domain, status: "verified", lastCheckError: null });
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "org.domain.verified")));
    expect(events).toMatchObject([{ targetId: domain, actorId: owner.id }]);
  });

  it("keeps the claim as it is when DNS fails, and says so", async () => {
    const { org, domain } = await claimingOrg();
    dns.current.fail();
    try {
      const json = await bodyOf(await check(org.slug, domain));
      expect(json).toMatchObject({ status: "pending", lastCheckError: expect.stringMatching(/DNS lookup failed/) });
    } finally {
      dns.current.fail(false);
    }
  });

  it("answers a domain the organization does not claim, or no domain at all, with 404 or 400", async () => {
    const { org } = await claimingOrg();
    expect((await check(org.slug, "not-claimed.test")).status).toBe(404);
    expect((await check(org.slug, "%FF")).status).toBe(400);
    expect((await check(org.slug, "<b>x</b>")).status).toBe(400);
  });

  describe("permission matrix: owners check", () => {
    const CALLERS = ["owner", "admin", "member", "viewer", "outsider", "anonymous"] as const;
    // org        owner admin member viewer outsider anonymous
    const MATRIX: ["private" | "public", string][] = [
      ["private", "200   403   403    403    404      404"],
      ["public", "200   403   403    403    403      401"],
    ];
    const cases = MATRIX.flatMap(([visibility, statuses]) => statusesByCaller(statuses, [...CALLERS]).map((c) => ({ visibility, ...c })));
    it.each(cases)("POST …/domains/{domain}/check on a $visibility org as $caller → $status", async ({ visibility, caller, status }) => {
      const org = await seedOrg([[owner, "owner"]], { visibility });
      const domain = uniqueDomain();
      await updateAuthSettings(await orgActorOf(owner, org.slug), { providers: [], domains: [domain], openJoin: false, defaultRole: "member", requireSso: false, oidc: null });
      const who = caller === "anonymous" ? null : caller === "owner" ? owner : await quickPerson({ name: caller });
      if (who && caller !== "owner" && caller !== "outsider") await addMember(org.id, who.id, caller as "admin");
      const res = await check(org.slug, domain, who);
      expect(res.status).toBe(status);
      if (status >= 400) expect((await bodyOf(res)).error.code).toBe(ERROR_CODE[status]);
    });
  });
});

describe("only verified domains count", () => {
  it("open join: nobody at a pending domain is offered or admitted; once proven, joining is offered", async () => {
    const { org, domain } = await claimingOrg();
    const pat = await quickPerson({ email: `pat@${domain}` });
    expect(await joinableOrg(await actorOf(pat))).toBeNull();
    expect((await api("POST", `/api/v1/orgs/${org.slug}/membership`, { as: pat })).status).toBe(404);
    expect(await roleIn(org.id, pat.id)).toBeNull();

    await proveDomains(owner, org);
    expect(await joinableOrg(await actorOf(pat))).toMatchObject({ org: { id: org.id, name: "Seeded Org" }, refusal: null });
    // Offered, not applied: Pat is a member only after clicking Join.
    expect(await roleIn(org.id, pat.id)).toBeNull();
    expect((await api("POST", `/api/v1/orgs/${org.slug}/membership`, { as: pat })).status).toBe(201);
    expect(await roleIn(org.id, pat.id)).toBe("member");
  });

  it("SSO: a pending domain neither finds the organization's SSO nor lets its provider speak for addresses there", async () => {
    const org = await seedOrg([[owner, "owner"]]);
    const domain = uniqueDomain();
    await useOrgIdp(idp.current, org, owner, { domains: [domain], openJoin: true, prove: false });
    await expect(findOrgSso({ query: `kim@${domain}` })).rejects.toThrow(/No single sign-on/);
    const login = `kim@${domain}`;
    await expect(ssoSignIn(null, { provider: `org-${org.id}` }, login)).rejects.toMatchObject({ reason: "email_domain" });

    await proveDomains(owner, org);
    expect((await findOrgSso({ query: `kim@${domain}` })).org.id).toBe(org.id);
    // JIT through the organization's own provider stays automatic: the provider vouched.
    const outcome = await ssoSignIn(null, { provider: `org-${org.id}`, org: org.slug }, login);
    expect(outcome.kind).toBe("signed-in");
    const db = await getDb();
    const [kim] = await db.select().from(users).where(eq(users.email, login));
    expect(await roleIn(org.id, kim.id)).toBe("member");
  });
});

describe("several organizations claiming one domain", () => {
  it("a verified claim takes the domain from unverified ones, which are told in their audit log", async () => {
    const domain = uniqueDomain();
    const squatter = await claimingOrg(domain);
    const realOwner = await quickPerson({ name: "Real owner" });
    const real = await claimingOrg(domain, realOwner);
    expect(await claimRows(domain)).toHaveLength(2);

    await proveDomains(realOwner, real.org);
    expect((await claimRows(domain)).map((r) => [r.orgId, r.verifiedAt !== null])).toEqual([[real.org.id, true]]);
    const db = await getDb();
    const released = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, squatter.org.id), eq(auditEvents.action, "org.domain.released")));
    expect(released).toHaveLength(1);

    // Claiming it again is refused, without naming the holder.
    const res = await api("PUT", `/api/v1/orgs/${squatter.org.slug}/auth-settings`, {
      as: owner,
      body: { providers: [], domains: [domain], openJoin: true, defaultRole: "member", requireSso: false, oidc: null },
    });
    expect(res.status).toBe(409);
    const text = JSON.stringify(await bodyOf(res));
    expect(text).toContain("already claimed by another organization");
    expect(text).not.toContain(real.org.slug);
    expect(text).not.toContain(real.org.name);
  });

  it("when both publish a record, the first to be checked holds it and the other is refused (409), holder unnamed", async () => {
    const domain = uniqueDomain();
    const first = await claimingOrg(domain);
    const secondOwner = await quickPerson({ name: "Second" });
    const second = await claimingOrg(domain, secondOwner);
    const secondRecord = (await bodyOf(await api("GET", `/api/v1/orgs/${second.org.slug}/auth-settings`, { as: secondOwner }))).domainClaims[0].record;
    dns.current.setTxt(`_atrium-verification.${domain}`, (await recordOf(first.org.slug)).value, secondRecord.value);
    const [a, b] = await Promise.all([check(first.org.slug, domain), check(second.org.slug, domain, secondOwner)]);
    // The loser's claim was either dropped already (404) or finds the domain held (409).
    const [won, lost] = [a.status, b.status].sort();
    expect(won).toBe(200);
    expect([404, 409]).toContain(lost);
    expect((await claimRows(domain)).filter((r) => r.verifiedAt)).toHaveLength(1);
  });
});

describe("the periodic re-check", () => {
  it("verifies pending claims whose record appeared, and unverifies a verified claim whose record is gone", async () => {
    const { org, domain } = await claimingOrg();
    const record = await recordOf(org.slug);
    dns.current.setTxt(record.name, record.value);
    // Everything due is looked at; run until this claim was.
    while ((await claimRows(domain))[0].lastCheckedAt === null) await recheckDueDomains(100);
    expect((await claimRows(domain))[0].verifiedAt).not.toBeNull();

    dns.current.setTxt(record.name);
    const db = await getDb();
    // Make the daily re-check due now.
    await db.update(orgDomains).set({ lastCheckedAt: new Date(Date.now() - 2 * 86_400_000) }).where(eq(orgDomains.domain, domain));
    await recheckDueDomains(100);
    expect((await claimRows(domain))[0]).toMatchObject({ verifiedAt: null, lastCheckError: expect.stringContaining("No TXT record") });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "org.domain.unverified")));
    expect(events).toHaveLength(1);
  });

  it("never checks one claim twice when instances run it at once", async () => {
    for (let i = 0; i < 5; i++) await claimingOrg();
    const counts = await Promise.all([recheckDueDomains(3), recheckDueDomains(3), recheckDueDomains(3)]);
    const db = await getDb();
    const checked = await db.$count(orgDomains);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(checked);
    expect(await recheckDueDomains(100)).toBe(0);
  });
});

describe("what may not be claimed", () => {
  it.each([
    ["co.uk", /public suffix/],
    ["github.io", /public suffix/],
    ["gmx.co.uk", /public mail service/],
    ["mail.yahoo.com", /public mail service/],
    ["аррӏе.com", /mixes scripts or imitates another name/],
    ["pаypal.com", /mixes scripts or imitates another name/],
  ])("refuses %s with 400 and writes nothing", async (domain, message) => {
    const org = await seedOrg([[owner, "owner"]]);
    const res = await api("PUT", `/api/v1/orgs/${org.slug}/auth-settings`, {
      as: owner,
      body: { providers: [], domains: [domain], openJoin: true, defaultRole: "member", requireSso: false, oidc: null },
    });
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields.domains).toMatch(message);
    const db = await getDb();
    expect(await db.$count(orgDomains, eq(orgDomains.orgId, org.id))).toBe(0);
  });

  it("shows internationalized domains in Unicode", async () => {
    const { org } = await claimingOrg("bücher-" + randomBytes(2).toString("hex") + ".de");
    const claim = (await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/auth-settings`, { as: owner }))).domainClaims[0];
    expect(claim.domain).toMatch(/^xn--/);
    expect(claim.display).toMatch(/^bücher-/);
  });
});
