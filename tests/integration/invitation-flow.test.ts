/**
 * The invitation flow at the service level: signing up through the link, accepting, declining,
 * used/expired/revoked links, and the signed-in person's own list of invitations.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, invitations, memberships, users } from "@/db/schema";
import { signUp } from "@/lib/accounts/credentials";
import { loadActor } from "@/lib/auth/context";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import {
  acceptInvitation,
  acceptMyInvitation,
  createInvitations,
  declineInvitation,
  getInvitationByToken,
  listMyInvitations,
  revokeInvitation,
} from "@/lib/invitations/service";
import { useFreshDatabase } from "../support/database";
import { cookieOf } from "../support/http";
import { invitationById, inviteTokenFromOutbox, mailsTo, orgState, seedInvitation, setInvitationExpiry } from "../support/invitations";
import { roleIn, seedOrg } from "../support/orgs";
import { actorOf, addMember, orgActorOf, PASSWORD, quickPerson, userIdOf, type Person } from "../support/people";

useFreshDatabase();

const noIp = { ip: null, userAgent: "vitest" };
const newAddress = (label = "flow") => `${label}-${randomBytes(5).toString("hex")}@example.com`;

let owner: Person;
beforeAll(async () => {
  owner = await quickPerson({ name: "Flo Owner" });
});

/** A fresh org owned by `owner`, and an invitation sent through the service (so with a real mail and token). */
async function invited(email: string, role: "owner" | "admin" | "member" | "viewer" = "member") {
  const org = await seedOrg([[owner, "owner"]], { name: "Flow Org" });
  await createInvitations(await orgActorOf(owner, org.slug), { emails: email, role });
  const token = await inviteTokenFromOutbox(email.toLowerCase());
  const [row] = await (await getDb()).select().from(invitations).where(eq(invitations.orgId, org.id));
  return { org, token, invitation: row };
}

const actorForSession = async (sessionToken: string) => (await loadActor(new Headers({ cookie: cookieOf(sessionToken) }))).actor;

async function userRow(id: string) {
  const [row] = await (await getDb()).select().from(users).where(eq(users.id, id));
  return row;
}

async function joinedEvents(orgId: string) {
  return (await getDb())
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "member.joined")));
}

describe("signing up through an invitation link", () => {
  it("with the invited address: the account is verified at once, no verification mail, and accepting makes them a member", async () => {
    const email = newAddress("signup");
    const { org, token } = await invited(email, "admin");
    const shown = await getInvitationByToken(token);
    expect(shown).toMatchObject({ email, role: "admin", status: "pending", org: { slug: org.slug, name: "Flow Org" }, inviterName: "Flo Owner" });

    // Signed out, they sign up with the invited address (typed in another case) and the token.
    const signedUp = await signUp({ name: "New Person", email: email.toUpperCase(), password: PASSWORD, invitation: token }, noIp);
    if (signedUp.kind !== "signed-in") throw new Error("expected to be signed in");
    const { userId, session } = signedUp;
    expect((await userRow(userId)).emailVerifiedAt).toBeInstanceOf(Date);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("/invite/");
    expect(mails.some((m) => m.text.includes("/verify-email/"))).toBe(false);
    // Signing up does not join by itself.
    expect(await roleIn(org.id, userId)).toBeNull();

    const actor = await actorForSession(session.token);
    expect(await acceptInvitation(actor, token)).toEqual({ orgSlug: org.slug, orgName: "Flow Org", project: null, role: "admin" });
    const db = await getDb();
    const [membership] = await db.select().from(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, userId)));
    expect(membership).toMatchObject({ role: "admin", joinedVia: "invitation" });
    const events = await joinedEvents(org.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: userId, actorRole: "admin", targetId: userId, after: { role: "admin", via: "invitation" } });
    expect((await userRow(userId)).lastOrgId).toBe(org.id);
    expect((await getInvitationByToken(token)).status).toBe("accepted");
  });

  it("with a different address: the account is not verified and gets a verification mail", async () => {
    const { token } = await invited(newAddress("invited"));
    const other = newAddress("other");
    expect(await signUp({ name: "Other", email: other, password: PASSWORD, invitation: token }, noIp)).toEqual({ kind: "check-email", email: other });
    const userId = await userIdOf(other);
    expect((await userRow(userId)).emailVerifiedAt).toBeNull();
    expect((await mailsTo(other)).some((m) => m.text.includes("/verify-email/"))).toBe(true);
  });

  it("through an expired, revoked or made-up link: not verified", async () => {
    const expiredEmail = newAddress("expired");
    const expired = await invited(expiredEmail);
    await setInvitationExpiry(expired.invitation.id, new Date(Date.now() - 1000));
    const revokedEmail = newAddress("revoked");
    const revoked = await invited(revokedEmail);
    await revokeInvitation(await orgActorOf(owner, revoked.org.slug), revoked.invitation.id);
    for (const [email, token] of [
      [expiredEmail, expired.token],
      [revokedEmail, revoked.token],
      [newAddress("madeup"), randomBytes(32).toString("base64url")],
    ]) {
      await signUp({ name: "Late", email, password: PASSWORD, invitation: token }, noIp);
      const userId = await userIdOf(email);
      expect((await userRow(userId)).emailVerifiedAt, email).toBeNull();
    }
  });
});

describe("accepting and declining", () => {
  it("accepts with the matching verified email: member with the invited role, joined via invitation, one audit event", async () => {
    const invitee = await quickPerson({ name: "Matching" });
    const { org, token, invitation } = await invited(invitee.email, "viewer");
    expect(await acceptInvitation(await actorOf(invitee), token)).toEqual({ orgSlug: org.slug, orgName: "Flow Org", project: null, role: "viewer" });
    expect(await roleIn(org.id, invitee.id)).toBe("viewer");
    expect(await invitationById(invitation.id)).toMatchObject({ acceptedBy: invitee.id, acceptedAt: expect.any(Date) });
    expect(await joinedEvents(org.id)).toHaveLength(1);
  });

  it("matches the address case-insensitively (an invitation stored in mixed case)", async () => {
    const invitee = await quickPerson({ name: "Cased" });
    const org = await seedOrg([[owner, "owner"]]);
    const seeded = await seedInvitation(org.id, invitee.email.toUpperCase(), "member", owner.id);
    await acceptInvitation(await actorOf(invitee), seeded.token);
    expect(await roleIn(org.id, invitee.id)).toBe("member");
  });

  it("refuses a token for another address with 403 naming both addresses, and changes nothing", async () => {
    const invitee = newAddress("intended");
    const { org, token } = await invited(invitee);
    const wrong = await quickPerson({ name: "Wrong" });
    const before = await orgState(org.id);
    for (const attempt of [acceptInvitation, declineInvitation]) {
      const error = await attempt(await actorOf(wrong), token).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toContain(invitee);
      expect((error as Error).message).toContain(wrong.email);
    }
    expect(await orgState(org.id)).toEqual(before);
    expect((await getInvitationByToken(token)).status).toBe("pending");
  });

  it("refuses the matching address while it is unverified (403), then accepts once verified", async () => {
    const unverified = await quickPerson({ name: "Unverified", verified: false });
    const { org, token } = await invited(unverified.email);
    const before = await orgState(org.id);
    const error = await acceptInvitation(await actorOf(unverified), token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/verify/i);
    expect(await orgState(org.id)).toEqual(before);

    await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, unverified.id));
    await acceptInvitation(await actorOf(unverified), token);
    expect(await roleIn(org.id, unverified.id)).toBe("member");
  });

  it("asks anonymous callers to sign in", async () => {
    const { token } = await invited(newAddress("anon"));
    await expect(acceptInvitation(await actorOf(null), token)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(declineInvitation(await actorOf(null), token)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(listMyInvitations(await actorOf(null))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("accepting twice is one membership, one audit event, the same answer", async () => {
    const invitee = await quickPerson({ name: "Double" });
    const { org, token } = await invited(invitee.email, "admin");
    const first = await acceptInvitation(await actorOf(invitee), token);
    const second = await acceptInvitation(await actorOf(invitee), token);
    expect(second).toEqual(first);
    expect((await orgState(org.id)).members.filter((m) => m.userId === invitee.id)).toHaveLength(1);
    expect(await joinedEvents(org.id)).toHaveLength(1);
    // Declining after accepting is refused: the link was used.
    await expect(declineInvitation(await actorOf(invitee), token)).rejects.toBeInstanceOf(ConflictError);
    expect(await roleIn(org.id, invitee.id)).toBe("admin");
  });

  it("declining closes the invitation without a membership; the link then shows declined; accepting after is refused", async () => {
    const invitee = await quickPerson({ name: "Decliner" });
    const { org, token, invitation } = await invited(invitee.email);
    expect(await declineInvitation(await actorOf(invitee), token)).toEqual({ orgSlug: org.slug, orgName: "Flow Org", project: null, role: "member" });
    expect(await roleIn(org.id, invitee.id)).toBeNull();
    expect((await invitationById(invitation.id))?.declinedAt).toBeInstanceOf(Date);
    expect((await getInvitationByToken(token)).status).toBe("declined");
    const before = await orgState(org.id);
    // Declining again answers the same; accepting is refused with a clear message.
    await declineInvitation(await actorOf(invitee), token);
    const error = await acceptInvitation(await actorOf(invitee), token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/declined/);
    expect(await orgState(org.id)).toEqual(before);
    // The org may invite them again.
    await createInvitations(await orgActorOf(owner, org.slug), { emails: invitee.email, role: "viewer" });
    expect((await getInvitationByToken(await inviteTokenFromOutbox(invitee.email))).status).toBe("pending");
  });

  it.each([
    ["expired", /expired/],
    ["revoked", /revoked/],
    ["accepted", /accepted/],
  ] as const)("the link is %s: accept and decline answer 409 with a clear message, and nothing changes", async (state, message) => {
    const invitee = await quickPerson({ name: `Link ${state}` });
    const { org, token, invitation } = await invited(invitee.email);
    const db = await getDb();
    if (state === "expired") await setInvitationExpiry(invitation.id, new Date(Date.now() - 1000));
    if (state === "revoked") await revokeInvitation(await orgActorOf(owner, org.slug), invitation.id);
    if (state === "accepted") {
      // Already used, by another account.
      const first = await quickPerson({ name: "First" });
      await db.update(invitations).set({ acceptedAt: new Date(), acceptedBy: first.id }).where(eq(invitations.id, invitation.id));
    }
    expect((await getInvitationByToken(token)).status).toBe(state);
    const before = await orgState(org.id);
    for (const attempt of [acceptInvitation, declineInvitation]) {
      const error = await attempt(await actorOf(invitee), token).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toMatch(message);
      if (state === "expired") expect((error as Error).message).toMatch(/ask for a new one/i);
    }
    expect(await orgState(org.id)).toEqual(before);
    expect(await roleIn(org.id, invitee.id)).toBeNull();
  });

  it("reading a link changes nothing", async () => {
    const { org, token } = await invited(newAddress("read"));
    const before = await orgState(org.id);
    for (let i = 0; i < 3; i++) await getInvitationByToken(token);
    expect(await orgState(org.id)).toEqual(before);
    await expect(getInvitationByToken("not-a-token")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("accepting when already a member keeps the existing role and records the join once", async () => {
    const invitee = await quickPerson({ name: "Already" });
    const { org, token } = await invited(invitee.email, "admin");
    // They joined some other way in the meantime.
    await addMember(org.id, invitee.id, "viewer");
    await acceptInvitation(await actorOf(invitee), token);
    expect(await roleIn(org.id, invitee.id)).toBe("viewer");
    const events = await joinedEvents(org.id);
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ note: expect.stringMatching(/already a member/) });
  });
});

describe("my invitations", () => {
  it("lists my pending invitations in every org (not expired, revoked, declined or others'), and accepts from the list", async () => {
    const me = await quickPerson({ name: "Listed" });
    const a = await invited(me.email, "admin");
    const b = await invited(me.email.toUpperCase(), "viewer");
    const expired = await invited(me.email);
    await setInvitationExpiry(expired.invitation.id, new Date(Date.now() - 1000));
    const revoked = await invited(me.email);
    await revokeInvitation(await orgActorOf(owner, revoked.org.slug), revoked.invitation.id);
    const declined = await invited(me.email);
    await declineInvitation(await actorOf(me), declined.token);
    await invited(newAddress("someone-else"));

    const mine = await listMyInvitations(await actorOf(me));
    expect(mine.map((i) => i.id).sort()).toEqual([a.invitation.id, b.invitation.id].sort());
    expect(mine.find((i) => i.id === a.invitation.id)).toMatchObject({ role: "admin", org: { slug: a.org.slug, name: "Flow Org" }, inviterName: "Flo Owner", expiresAt: expect.any(Date) });

    expect(await acceptMyInvitation(await actorOf(me), a.invitation.id)).toEqual({ orgSlug: a.org.slug, orgName: "Flow Org", project: null, role: "admin" });
    expect(await roleIn(a.org.id, me.id)).toBe("admin");
    expect((await listMyInvitations(await actorOf(me))).map((i) => i.id)).toEqual([b.invitation.id]);
    // Accepting again from the list is harmless.
    await acceptMyInvitation(await actorOf(me), a.invitation.id);
    expect(await joinedEvents(a.org.id)).toHaveLength(1);
  });

  it("shows an unverified account none of the invitations to the address it claims", async () => {
    const claimer = await quickPerson({ name: "Claimer", verified: false });
    await invited(claimer.email);
    expect(await listMyInvitations(await actorOf(claimer))).toEqual([]);
    await (await getDb()).update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, claimer.id));
    expect(await listMyInvitations(await actorOf(claimer))).toHaveLength(1);
  });

  it("refuses someone else's invitation id (403), an unknown one (404), a closed one (409)", async () => {
    const me = await quickPerson({ name: "Picky" });
    const theirs = await invited(newAddress("theirs"));
    await expect(acceptMyInvitation(await actorOf(me), theirs.invitation.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await roleIn(theirs.org.id, me.id)).toBeNull();
    for (const id of [randomUUID(), "not-a-uuid", "'; drop table invitations;--"]) {
      await expect(Promise.resolve().then(async () => acceptMyInvitation(await actorOf(me), id))).rejects.toBeInstanceOf(NotFoundError);
    }
    const expired = await invited(me.email);
    await setInvitationExpiry(expired.invitation.id, new Date(Date.now() - 1000));
    await expect(acceptMyInvitation(await actorOf(me), expired.invitation.id)).rejects.toBeInstanceOf(ConflictError);
  });
});
