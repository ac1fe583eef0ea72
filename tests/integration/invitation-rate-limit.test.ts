/**
 * The invitation rate limit (DESIGN §4): per organization and per inviter, configurable by env (read
 * per call), 429 with a Retry-After header and a wait time, and nothing written for a refused batch.
 */
import { randomBytes } from "node:crypto";
import { count, eq, like, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { invitationsTo, orgState, seedInvitation, setInvitationExpiry } from "../support/invitations";
import { seedOrg } from "../support/orgs";
import { addMember, quickPerson, type Person } from "../support/people";

useFreshDatabase();

const previous = process.env.ATRIUM_INVITATIONS_PER_DAY;
process.env.ATRIUM_INVITATIONS_PER_DAY = "3";
afterAll(() => {
  if (previous === undefined) delete process.env.ATRIUM_INVITATIONS_PER_DAY;
  else process.env.ATRIUM_INVITATIONS_PER_DAY = previous;
});

const address = (label = "rl") => `${label}-${randomBytes(5).toString("hex")}@example.com`;
const addresses = (n: number) => Array.from({ length: n }, () => address());

async function setup() {
  const owner = await quickPerson({ name: "Limit Owner" });
  const org = await seedOrg([[owner, "owner"]]);
  const invite = (emails: unknown, who: Person = owner, slug = org.slug) => api("POST", `/api/v1/orgs/${slug}/invitations`, { as: who, body: { emails, role: "member" } });
  return { owner, org, invite };
}

async function counters() {
  const db = await getDb();
  return db.select().from(rateLimits).where(like(rateLimits.key, "invite:%")).orderBy(rateLimits.key);
}

/** A 429 with a Retry-After header in whole seconds, up to a day, and a message that tells the wait. */
async function expectLimited(res: Response) {
  const json = await bodyOf(res);
  expect(res.status, JSON.stringify(json)).toBe(429);
  expect(json.error.code).toBe("rate_limited");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(86_400);
  expect(json.error.message).toMatch(/limit of invitations/i);
  expect(json.error.message).toMatch(/try again in (about )?\d+ (seconds|minutes|hours)/i);
  return { retryAfter, message: json.error.message as string };
}

describe("invitation rate limit (ATRIUM_INVITATIONS_PER_DAY=3)", () => {
  it("allows 3 invitations a day per org and refuses the 4th with 429, a retry time, and nothing written", async () => {
    const { org, invite } = await setup();
    expect((await invite(addresses(2))).status).toBe(201);
    expect((await invite(addresses(1))).status).toBe(201);
    const before = await orgState(org.id);
    const countersBefore = await counters();

    const fourth = address();
    const { retryAfter, message } = await expectLimited(await invite(fourth));
    expect(retryAfter).toBeGreaterThan(86_400 - 120);
    expect(message).toMatch(/24 hours/);
    expect(await orgState(org.id)).toEqual(before);
    expect(await invitationsTo(org.id, fourth)).toHaveLength(0);
    expect(await counters()).toEqual(countersBefore);
  });

  it("refuses a whole batch that would cross the limit, writes none of it, and does not count it", async () => {
    const { org, invite } = await setup();
    expect((await invite(addresses(2))).status).toBe(201);
    const before = await orgState(org.id);
    const batch = addresses(2);
    await expectLimited(await invite(batch));
    expect(await orgState(org.id)).toEqual(before);
    for (const email of batch) expect(await invitationsTo(org.id, email)).toHaveLength(0);
    // The refused batch did not use up the allowance: one more still fits.
    expect((await invite(batch[0])).status).toBe(201);
    await expectLimited(await invite(address()));
  });

  it("refuses more than the limit in a single request", async () => {
    const { org, invite } = await setup();
    const before = await orgState(org.id);
    await expectLimited(await invite(addresses(4)));
    expect(await orgState(org.id)).toEqual(before);
    expect((await invite(addresses(3))).status).toBe(201);
  });

  it("counts per inviter across organizations, and per organization across inviters", async () => {
    const { owner, invite } = await setup();
    expect((await invite(addresses(3))).status).toBe(201);
    // The same inviter in another organization: their own allowance is spent.
    const elsewhere = await seedOrg([[owner, "owner"]]);
    const before = await orgState(elsewhere.id);
    await expectLimited(await invite(address(), owner, elsewhere.slug));
    expect(await orgState(elsewhere.id)).toEqual(before);

    // Another inviter in a fresh organization is unaffected; a second inviter in a spent org is not.
    const other = await setup();
    const colleague = await quickPerson({ name: "Colleague" });
    await addMember(other.org.id, colleague.id, "admin");
    expect((await other.invite(addresses(3))).status).toBe(201);
    await expectLimited(await other.invite(address(), colleague));
  });

  it("does not count addresses that are not sent: members and pending invitations answer 409, not 429", async () => {
    const { org, invite } = await setup();
    const member = await quickPerson({ name: "Already In" });
    await addMember(org.id, member.id, "viewer");
    const pending = address("pending");
    expect((await invite(pending)).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await invite(member.email)).status).toBe(409);
    expect((await invite(pending)).status).toBe(409);
    expect((await invite(addresses(2))).status).toBe(201);
    // Now at the limit: a member is still a 409, a new address a 429.
    expect((await invite(member.email)).status).toBe(409);
    await expectLimited(await invite(address()));
  });

  it("counts resends and renewals against the organization, and refuses them at the limit without rotating the token", async () => {
    const { owner, org, invite } = await setup();
    const expired = await seedInvitation(org.id, address("expired"), "member", owner.id);
    await setInvitationExpiry(expired.id, new Date(Date.now() - 1000));
    const pending = await seedInvitation(org.id, address("pending"), "member", owner.id);
    expect((await api("POST", `/api/v1/orgs/${org.slug}/invitations/${pending.id}/resend`, { as: owner })).status).toBe(204);
    const renewed = await invite(expired.email);
    expect((await bodyOf(renewed)).results[0].outcome).toBe("renewed");
    expect((await invite(address())).status).toBe(201);

    const before = await orgState(org.id);
    await expectLimited(await api("POST", `/api/v1/orgs/${org.slug}/invitations/${pending.id}/resend`, { as: owner }));
    await setInvitationExpiry(pending.id, new Date(Date.now() - 1000));
    const after = await orgState(org.id);
    expect(after.invites.map((i) => i.tokenHash)).toEqual(before.invites.map((i) => i.tokenHash));
    await expectLimited(await invite(pending.email));
  });

  it("counts resends against the inviter too, across organizations", async () => {
    const { owner, invite } = await setup();
    expect((await invite(addresses(3))).status).toBe(201);
    const elsewhere = await seedOrg([[owner, "owner"]]);
    const pending = await seedInvitation(elsewhere.id, address("elsewhere"), "member", owner.id);
    await expectLimited(await api("POST", `/api/v1/orgs/${elsewhere.slug}/invitations/${pending.id}/resend`, { as: owner }));
  });

  it("opens again when the window has passed, and tells the remaining wait while it has not", async () => {
    const { org, invite } = await setup();
    expect((await invite(addresses(3))).status).toBe(201);
    const db = await getDb();
    await db.update(rateLimits).set({ windowStart: sql`now() - interval '23 hours'` }).where(eq(rateLimits.key, `invite:org:${org.id}`));
    await db.update(rateLimits).set({ windowStart: sql`now() - interval '23 hours'` }).where(like(rateLimits.key, "invite:user:%"));
    const { retryAfter, message } = await expectLimited(await invite(address()));
    expect(retryAfter).toBeGreaterThan(3_500);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect(message).toMatch(/(59|60) minutes/);

    await db.update(rateLimits).set({ windowStart: sql`now() - interval '25 hours'` }).where(like(rateLimits.key, "invite:%"));
    expect((await invite(addresses(3))).status).toBe(201);
    const [{ n }] = await db.select({ n: count() }).from(rateLimits).where(eq(rateLimits.key, `invite:org:${org.id}`));
    expect(n).toBe(1);
  });
});
