/**
 * Membership and invitation invariants under concurrency, on real PostgreSQL (PGlite runs one
 * statement at a time, so nothing can race there: these tests are skipped without DATABASE_URL).
 * Each race runs many times on fresh organizations; the invariant must hold every time.
 */
import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, invitations, mailOutbox, memberships } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { acceptInvitation, createInvitations, revokeInvitation } from "@/lib/invitations/service";
import { changeMemberRole, leaveOrg, removeMember } from "@/lib/members/service";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { seedInvitation, setInvitationExpiry } from "../support/invitations";
import { roleIn, seedOrg } from "../support/orgs";
import { actorOf, orgActorOf, quickPerson, type Person } from "../support/people";

useFreshDatabase();

const onPostgres = Boolean(process.env.DATABASE_URL);
const race = it.skipIf(!onPostgres);
const ROUNDS = 30;

let a: Person, b: Person;
beforeAll(async () => {
  a = await quickPerson({ name: "Ann" });
  b = await quickPerson({ name: "Ben" });
});

async function owners(orgId: string) {
  const [{ n }] = await (await getDb()).select({ n: count() }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return n;
}
async function auditCount(orgId: string, action: string) {
  const [{ n }] = await (await getDb()).select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, action)));
  return n;
}
/** The HTTP status each settled call would have answered: 200 for success, else the AppError's status (anything else is a bug). */
const statuses = (settled: PromiseSettledResult<unknown>[]) =>
  settled.map((s) => {
    if (s.status === "fulfilled") return 200;
    if (s.reason instanceof AppError) return s.reason.status;
    throw s.reason;
  });

describe("never zero owners, under concurrency", () => {
  race(`two owners demoting each other at the same moment, ${ROUNDS} times: one owner always remains`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const org = await seedOrg([[a, "owner"], [b, "owner"]]);
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const settled = await Promise.allSettled([changeMemberRole(asA, b.id, { role: "admin" }), changeMemberRole(asB, a.id, { role: "admin" })]);
      const codes = statuses(settled);
      expect(await owners(org.id), `round ${round}: ${codes}`).toBe(1);
      // The loser's own role was read under the lock: an admin now, so it may not touch an owner.
      expect(codes.sort(), `round ${round}`).toEqual([200, 403]);
      expect(await auditCount(org.id, "member.role_changed")).toBe(1);
    }
  });

  race(`two owners leaving at the same moment, ${ROUNDS} times: exactly one leaves`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const org = await seedOrg([[a, "owner"], [b, "owner"]]);
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const codes = statuses(await Promise.allSettled([leaveOrg(asA), leaveOrg(asB)]));
      expect(await owners(org.id), `round ${round}: ${codes}`).toBe(1);
      expect(codes.sort()).toEqual([200, 409]);
      expect(await auditCount(org.id, "member.left")).toBe(1);
    }
  });

  race(`an owner leaving while the other steps down to admin, ${ROUNDS} times: one owner remains`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const org = await seedOrg([[a, "owner"], [b, "owner"]]);
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const codes = statuses(await Promise.allSettled([leaveOrg(asA), changeMemberRole(asB, b.id, { role: "admin" })]));
      expect(await owners(org.id), `round ${round}: ${codes}`).toBe(1);
      expect(codes.sort()).toEqual([200, 409]);
    }
  });

  race(`an owner removing the other while being demoted by them, ${ROUNDS} times: one owner remains`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const org = await seedOrg([[a, "owner"], [b, "owner"]]);
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const codes = statuses(await Promise.allSettled([removeMember(asA, b.id), changeMemberRole(asB, a.id, { role: "viewer" })]));
      expect(await owners(org.id), `round ${round}: ${codes}`).toBe(1);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
    }
  });

  race(`two admins removing each other at the same moment, ${ROUNDS} times: exactly one of them remains`, async () => {
    const boss = await quickPerson({ name: "Boss" });
    for (let round = 0; round < ROUNDS; round++) {
      const org = await seedOrg([[boss, "owner"], [a, "admin"], [b, "admin"]]);
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const codes = statuses(await Promise.allSettled([removeMember(asA, b.id), removeMember(asB, a.id)]));
      const left = [await roleIn(org.id, a.id), await roleIn(org.id, b.id)].filter(Boolean);
      expect(left, `round ${round}: ${codes}`).toEqual(["admin"]);
      // The loser is no longer a member when its turn comes: the private org is gone for them.
      expect(codes.sort()).toEqual([200, 404]);
      expect(await auditCount(org.id, "member.removed")).toBe(1);
    }
  });
});

describe("accepting an invitation, under concurrency", () => {
  race("20 parallel accepts of one invitation: one membership, one audit event, 20 identical answers", async () => {
    for (let round = 0; round < 3; round++) {
      const invitee = await quickPerson({ name: "Racer" });
      const org = await seedOrg([[a, "owner"]]);
      const { token } = await seedInvitation(org.id, invitee.email, "admin", a.id);
      const actor = await actorOf(invitee);
      const settled = await Promise.allSettled(Array.from({ length: 20 }, () => acceptInvitation(actor, token)));
      expect(statuses(settled)).toEqual(Array(20).fill(200));
      for (const s of settled) expect((s as PromiseFulfilledResult<unknown>).value).toEqual({ orgSlug: org.slug, orgName: org.name, role: "admin", project: null });
      const db = await getDb();
      const rows = await db.select().from(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, invitee.id)));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ role: "admin", joinedVia: "invitation" });
      expect(await auditCount(org.id, "member.joined")).toBe(1);
    }
  });

  race("20 parallel accepts over HTTP (double-clicked Accept, many tabs): all 200, one membership", async () => {
    const invitee = await quickPerson({ name: "Clicker" });
    const org = await seedOrg([[a, "owner"]]);
    const { token } = await seedInvitation(org.id, invitee.email, "member", a.id);
    const responses = await Promise.all(Array.from({ length: 20 }, () => api("POST", `/api/v1/invitations/${token}/accept`, { as: invitee })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of responses) expect(await bodyOf(r)).toEqual({ orgSlug: org.slug, orgName: org.name, role: "member", project: null });
    expect(await roleIn(org.id, invitee.id)).toBe("member");
    expect(await auditCount(org.id, "member.joined")).toBe(1);
  });

  race(`accept racing revoke, ${ROUNDS} times: either a member with an accepted invitation, or a revoked one and no member — never both`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const invitee = await quickPerson({ name: "Maybe" });
      const org = await seedOrg([[a, "owner"]]);
      const pending = await seedInvitation(org.id, invitee.email, "member", a.id);
      const [asOwner, asInvitee] = await Promise.all([orgActorOf(a, org.slug), actorOf(invitee)]);
      const codes = statuses(await Promise.allSettled([acceptInvitation(asInvitee, pending.token), revokeInvitation(asOwner, pending.id)]));
      const [row] = await (await getDb()).select().from(invitations).where(eq(invitations.id, pending.id));
      const role = await roleIn(org.id, invitee.id);
      if (row.acceptedAt) {
        expect(row.revokedAt, `round ${round}: ${codes}`).toBeNull();
        expect(role).toBe("member");
        expect(codes).toEqual([200, 404]);
      } else {
        expect(row.revokedAt, `round ${round}: ${codes}`).toBeInstanceOf(Date);
        expect(role).toBeNull();
        expect(codes).toEqual([409, 200]);
      }
    }
  });
});

describe("inviting, under concurrency", () => {
  race("two admins inviting the same address at once, 10 times: one invitation, one mail, one 'invited' and one 409", async () => {
    for (let round = 0; round < 10; round++) {
      const org = await seedOrg([[a, "admin"], [b, "admin"], [await quickPerson({ name: "Owner" }), "owner"]]);
      const email = `same-${randomBytes(4).toString("hex")}@example.com`;
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const settled = await Promise.allSettled([createInvitations(asA, { emails: email, role: "member" }), createInvitations(asB, { emails: email.toUpperCase(), role: "viewer" })]);
      expect(statuses(settled).sort(), `round ${round}`).toEqual([200, 409]);
      const rejected = settled.find((s) => s.status === "rejected") as PromiseRejectedResult;
      expect(rejected.reason.message).toMatch(/already invited/i);
      const db = await getDb();
      const rows = await db.select().from(invitations).where(eq(invitations.orgId, org.id));
      expect(rows).toHaveLength(1);
      const [{ n }] = await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.to, email));
      expect(n).toBe(1);
      expect(await auditCount(org.id, "invitation.created")).toBe(1);
    }
  });

  race("two admins renewing the same expired invitation at once, 10 times: one renewal, one mail", async () => {
    for (let round = 0; round < 10; round++) {
      const org = await seedOrg([[a, "admin"], [b, "admin"], [await quickPerson({ name: "Owner" }), "owner"]]);
      const email = `renew-${randomBytes(4).toString("hex")}@example.com`;
      const expired = await seedInvitation(org.id, email, "member", a.id);
      await setInvitationExpiry(expired.id, new Date(Date.now() - 1000));
      const [asA, asB] = await Promise.all([orgActorOf(a, org.slug), orgActorOf(b, org.slug)]);
      const settled = await Promise.allSettled([createInvitations(asA, { emails: email, role: "member" }), createInvitations(asB, { emails: email, role: "member" })]);
      expect(statuses(settled).sort(), `round ${round}`).toEqual([200, 409]);
      const fulfilled = settled.find((s) => s.status === "fulfilled") as PromiseFulfilledResult<{ results: { outcome: string }[] }>;
      expect(fulfilled.value.results[0].outcome).toBe("renewed");
      const db = await getDb();
      const [{ n }] = await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.to, email));
      expect(n).toBe(1);
    }
  });
});
