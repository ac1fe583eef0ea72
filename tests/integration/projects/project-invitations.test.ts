/**
 * Outside collaborators invited by email to one project: who may invite at which role (a literal
 * table, through the service and over HTTP), the invitation's life (accept, refuse, expire, revoke,
 * resend, decline, double accept), what an outside collaborator then sees, and that removing their
 * last grant leaves nothing behind.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, invitations, mailOutbox, memberships, orgRemovedMembers, projectGrants, projects, teamMembers, users } from "@/db/schema";
import { acceptInvitation, declineInvitation, getInvitationByToken, listInvitations } from "@/lib/invitations/service";
import { inviteToProject, listProjectInvitations, resendProjectInvitation, revokeProjectInvitation } from "@/lib/invitations/project";
import { removeCollaborator } from "@/lib/projects/grants";
import { listProjectGrants } from "@/lib/projects/grant-list";
import { listSharedProjects } from "@/lib/projects/shared";
import { createTeam } from "@/lib/teams/service";
import { AppError } from "@/lib/errors";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { auditActions, inviteTokenFromOutbox, mailsTo, setInvitationExpiry } from "../../support/invitations";
import { ERROR_CODE, orgFixture, statusesByCaller } from "../../support/matrix";
import { actorOf, addMember, orgActorOf, quickPerson, type Person } from "../../support/people";

useFreshDatabase();

type Caller = "owner" | "admin" | "project admin" | "write" | "read" | "outsider" | "outside admin" | "stranger" | "anonymous";
const CALLERS: Caller[] = ["owner", "admin", "project admin", "write", "read", "outsider", "outside admin", "stranger", "anonymous"];
type ProjectRole = "admin" | "write" | "read";

let addresses = 0;
const guestEmail = () => `guest-${Date.now().toString(36)}-${++addresses}@example.com`;

/**
 * An organization with a project "vision": owner, admin (no grant), a member holding a direct admin
 * grant ("project admin"), a member with direct write ("write"), a viewer with direct read
 * ("read"), an outside collaborator with write ("outsider"), one with admin ("outside admin") and
 * a signed-in stranger.
 */
async function fixture(orgVisibility: "private" | "public" = "private", visibility: "private" | "internal" = "private") {
  const f = await orgFixture(orgVisibility);
  const projectAdmin = await quickPerson({ name: "Pia Projectadmin" });
  const stranger = await quickPerson({ name: "Sam Stranger" });
  const outsideAdmin = await quickPerson({ name: "Oda Outsideadmin" });
  await addMember(f.org.id, projectAdmin.id, "member");
  const db = await getDb();
  const [project] = await db.insert(projects).values({ orgId: f.org.id, name: "Vision", slug: "vision", visibility }).returning();
  await db.insert(projectGrants).values([
    { projectId: project.id, userId: projectAdmin.id, role: "admin" },
    { projectId: project.id, userId: f.people.member.id, role: "write" },
    { projectId: project.id, userId: f.people.viewer.id, role: "read" },
    { projectId: project.id, userId: f.people.outsider.id, role: "write" },
    { projectId: project.id, userId: outsideAdmin.id, role: "admin" },
  ]);
  const who: Record<Exclude<Caller, "anonymous">, Person> = {
    owner: f.people.owner,
    admin: f.people.admin,
    "project admin": projectAdmin,
    write: f.people.member,
    read: f.people.viewer,
    outsider: f.people.outsider,
    "outside admin": outsideAdmin,
    stranger,
  };
  const as = (c: Caller) => (c === "anonymous" ? null : who[c]);
  const actor = (c: Caller) => orgActorOf(as(c), f.org.slug);
  return { ...f, project, as, actor };
}

/** What an invitation attempt may touch: invitations of the org, grants of the project, audit, mail. */
async function state(orgId: string, projectId: string) {
  const db = await getDb();
  return {
    invitations: await db.select({ email: invitations.email, projectRole: invitations.projectRole }).from(invitations).where(eq(invitations.orgId, orgId)),
    grants: await db.select({ userId: projectGrants.userId, role: projectGrants.role }).from(projectGrants).where(eq(projectGrants.projectId, projectId)).orderBy(projectGrants.userId),
    audit: await db.$count(auditEvents, eq(auditEvents.orgId, orgId)),
    mails: await db.$count(mailOutbox),
  };
}

/** The status a service call ends with, as the route handler would answer it. */
async function statusOf(run: () => Promise<unknown>) {
  try {
    await run();
    return 201;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

// Who may invite an outside collaborator, at each project role (project.grant: project admins, up
// to their own role; a project admin's own role is admin, so every role is theirs to give).
// org      project    role     owner admin project-admin write read outsider outside-admin stranger anonymous
const MATRIX: ["private" | "public", "private" | "internal", ProjectRole, string][] = [
  ["private", "private",  "admin", "201   201   201           403   403  403      201           404      404"],
  ["private", "private",  "write", "201   201   201           403   403  403      201           404      404"],
  ["private", "private",  "read",  "201   201   201           403   403  403      201           404      404"],
  ["public",  "internal", "admin", "201   201   201           403   403  403      201           404      401"],
  ["public",  "internal", "write", "201   201   201           403   403  403      201           404      401"],
  ["public",  "internal", "read",  "201   201   201           403   403  403      201           404      401"],
];
const INVITER_NAMES: Partial<Record<Caller, string>> = { owner: "Olive Owner", admin: "Adam Admin", "project admin": "Pia Projectadmin", "outside admin": "Oda Outsideadmin" };
const cases = MATRIX.flatMap(([org, visibility, role, statuses]) =>
  statusesByCaller(statuses, CALLERS).flatMap((c) => (["service", "http"] as const).map((via) => ({ org, visibility, role, via, ...c }))),
);

describe("project invitations: who may invite at which role", () => {
  it("has a status for every row × caller × way in", () => {
    expect(cases).toHaveLength(MATRIX.length * CALLERS.length * 2);
  });

  it.each(cases)("$role on a $visibility project of a $org org as $caller via $via → $status", async ({ org, visibility, role, caller, via, status }) => {
    const f = await fixture(org, visibility);
    const email = guestEmail();
    const before = await state(f.org.id, f.project.id);
    if (via === "http") {
      const res = await api("POST", `/api/v1/orgs/${f.org.slug}/projects/vision/invitations`, { as: f.as(caller), body: { email, role } });
      const body = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (status >= 400) expect(body.error.code).toBe(ERROR_CODE[status]);
      else expect(body).toMatchObject({ outcome: "invited", email, role });
    } else {
      const actor = await f.actor(caller);
      expect(await statusOf(() => inviteToProject(actor, "vision", { email, role }))).toBe(status);
    }
    const after = await state(f.org.id, f.project.id);
    if (status >= 400) {
      expect(after).toEqual(before);
      return;
    }
    expect(after.invitations).toEqual([{ email, projectRole: role }]);
    expect(after.grants).toEqual(before.grants);
    expect(after.audit).toBe(before.audit + 1);
    const [mail] = await mailsTo(email);
    expect(mail.subject).toBe(`${INVITER_NAMES[caller]} invited you to the project Vision in Seeded Org on Atrium`);
    expect(mail.text).toContain("You will see this project only");
  });
});

describe("project invitations: input and the members rule", () => {
  it("refuses bad input with 400 and the field, writing nothing", async () => {
    const f = await fixture();
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision/invitations`;
    const before = await state(f.org.id, f.project.id);
    for (const [body, field] of [
      [{ email: "not an address", role: "read" }, "email"],
      [{ email: "", role: "read" }, "email"],
      [{ email: "<b>x</b>@example.com", role: "read" }, "email"],
      [{ email: guestEmail(), role: "owner" }, "role"],
      [{ email: guestEmail() }, "role"],
    ] as const) {
      const res = await api("POST", base, { as: f.as("owner"), body });
      const json = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(json.error.fields), JSON.stringify(body)).toContain(field);
    }
    expect(await state(f.org.id, f.project.id)).toEqual(before);
  });

  it("gives an organization member the role directly, with no invitation and no mail", async () => {
    const f = await fixture();
    const before = await state(f.org.id, f.project.id);
    const res = await api("POST", `/api/v1/orgs/${f.org.slug}/projects/vision/invitations`, { as: f.as("project admin"), body: { email: f.people.admin.email.toUpperCase(), role: "write" } });
    const body = await bodyOf(res);
    expect(res.status).toBe(201);
    expect(body).toMatchObject({ outcome: "granted", role: "write", grant: { userId: f.people.admin.id, role: "write" } });
    // An org admin inherits admin: the direct grant adds, never lowers, and the answer says so.
    expect(body.message).toMatch(/is a member of Seeded Org: no invitation needed.*stays Admin/);
    const after = await state(f.org.id, f.project.id);
    expect(after.invitations).toEqual([]);
    expect(after.mails).toBe(before.mails);
    expect(after.grants).toContainEqual({ userId: f.people.admin.id, role: "write" });
    expect((await auditActions(f.org.id)).at(-1)).toBe("project.granted");
  });

  it("changes the role of someone who already collaborates on the project instead of inviting them", async () => {
    const f = await fixture();
    const result = await inviteToProject(await f.actor("owner"), "vision", { email: f.people.outsider.email, role: "read" });
    expect(result).toMatchObject({ outcome: "granted", role: "read" });
    expect(result.message).toMatch(/already collaborates on this project/);
    expect((await state(f.org.id, f.project.id)).grants).toContainEqual({ userId: f.people.outsider.id, role: "read" });
  });

  it("answers a second invitation to a pending address with 409, and renews an expired one", async () => {
    const f = await fixture();
    const owner = await f.actor("owner");
    const email = guestEmail();
    const first = await inviteToProject(owner, "vision", { email, role: "read" });
    const token = await inviteTokenFromOutbox(email);
    const again = await api("POST", `/api/v1/orgs/${f.org.slug}/projects/vision/invitations`, { as: f.as("owner"), body: { email, role: "write" } });
    expect(again.status).toBe(409);
    expect((await bodyOf(again)).error.fields.email).toMatch(/pending invitation.*resend/);
    if (first.outcome === "granted") throw new Error("expected an invitation");
    await setInvitationExpiry(first.invitation.id, new Date(Date.now() - 1000));
    const renewed = await inviteToProject(owner, "vision", { email, role: "write" });
    expect(renewed).toMatchObject({ outcome: "renewed", role: "write", invitation: { id: first.invitation.id } });
    // The old link died with the renewal.
    await expect(getInvitationByToken(token)).rejects.toMatchObject({ status: 404 });
    expect(await getInvitationByToken(await inviteTokenFromOutbox(email))).toMatchObject({ status: "pending", role: "write", project: { slug: "vision", name: "Vision" } });
  });

  it("counts against the daily invitation limit and writes nothing past it", async () => {
    const previous = process.env.ATRIUM_INVITATIONS_PER_DAY;
    process.env.ATRIUM_INVITATIONS_PER_DAY = "2";
    try {
      const f = await fixture();
      const base = `/api/v1/orgs/${f.org.slug}/projects/vision/invitations`;
      for (let i = 0; i < 2; i++) expect((await api("POST", base, { as: f.as("owner"), body: { email: guestEmail(), role: "read" } })).status).toBe(201);
      const before = await state(f.org.id, f.project.id);
      const refused = await api("POST", base, { as: f.as("owner"), body: { email: guestEmail(), role: "read" } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await state(f.org.id, f.project.id)).toEqual(before);
    } finally {
      if (previous === undefined) delete process.env.ATRIUM_INVITATIONS_PER_DAY;
      else process.env.ATRIUM_INVITATIONS_PER_DAY = previous;
    }
  });
});

/** An invitation of a fresh address to "vision" by the owner, and the token its mail carries. */
async function invited(f: Awaited<ReturnType<typeof fixture>>, role: ProjectRole = "write") {
  const email = guestEmail();
  const result = await inviteToProject(await f.actor("owner"), "vision", { email, role });
  if (result.outcome === "granted") throw new Error("expected an invitation");
  return { email, id: result.invitation.id, token: await inviteTokenFromOutbox(email) };
}

async function grantsAndMemberships(orgId: string, userId: string) {
  const db = await getDb();
  return {
    grants: await db
      .select({ projectId: projectGrants.projectId, role: projectGrants.role })
      .from(projectGrants)
      .innerJoin(projects, eq(projects.id, projectGrants.projectId))
      .where(and(eq(projects.orgId, orgId), eq(projectGrants.userId, userId))),
    memberships: await db.$count(memberships, and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))),
    teams: await db.$count(teamMembers, eq(teamMembers.userId, userId)),
    removed: await db.$count(orgRemovedMembers, and(eq(orgRemovedMembers.orgId, orgId), eq(orgRemovedMembers.userId, userId))),
  };
}

describe("project invitations: accepting, refusing, declining", () => {
  it("accepts with the matching verified address: a project grant, no membership, one audit event", async () => {
    const f = await fixture();
    const { email, token } = await invited(f, "write");
    expect(await getInvitationByToken(token)).toMatchObject({ email, role: "write", project: { slug: "vision", name: "Vision" }, org: { name: "Seeded Org" }, status: "pending" });
    const guest = await quickPerson({ name: "Gail Guest", email: email.toUpperCase() });
    const res = await api("POST", `/api/v1/invitations/${token}/accept`, { as: guest });
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({ orgSlug: f.org.slug, orgName: "Seeded Org", project: { slug: "vision", name: "Vision" }, role: "write" });
    expect(await grantsAndMemberships(f.org.id, guest.id)).toEqual({ grants: [{ projectId: f.project.id, role: "write" }], memberships: 0, teams: 0, removed: 0 });
    expect((await auditActions(f.org.id)).filter((a) => a === "project.collaborator_joined")).toHaveLength(1);
    expect((await getInvitationByToken(token)).status).toBe("accepted");
  });

  it("refuses a mismatched or unverified address, an expired and a revoked invitation, writing nothing", async () => {
    const f = await fixture();
    const { email, token, id } = await invited(f);
    const other = await quickPerson({ name: "Olga Other" });
    const mismatched = await api("POST", `/api/v1/invitations/${token}/accept`, { as: other });
    expect(mismatched.status).toBe(403);
    expect((await bodyOf(mismatched)).error.message).toBe(`This invitation is for ${email}, and you are signed in as ${other.email}.`);
    const unverified = await quickPerson({ name: "Una Unverified", email, verified: false });
    const refused = await api("POST", `/api/v1/invitations/${token}/accept`, { as: unverified });
    expect(refused.status).toBe(403);
    expect((await bodyOf(refused)).error.message).toMatch(/Verify your email address first/);
    expect(await api("POST", `/api/v1/invitations/${token}/accept`)).toHaveProperty("status", 401);

    await setInvitationExpiry(id, new Date(Date.now() - 1000));
    // Verified now, the address matches, but the link is past its 7 days.
    const db = await getDb();
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, unverified.id));
    const expired = await api("POST", `/api/v1/invitations/${token}/accept`, { as: unverified });
    expect(expired.status).toBe(409);
    expect((await bodyOf(expired)).error.message).toMatch(/expired/);

    const second = await invited(f);
    await revokeProjectInvitation(await f.actor("project admin"), "vision", second.id);
    const guest = await quickPerson({ name: "Rex Revoked", email: second.email });
    const revoked = await api("POST", `/api/v1/invitations/${second.token}/accept`, { as: guest });
    expect(revoked.status).toBe(409);
    expect((await bodyOf(revoked)).error.message).toBe("This invitation was already revoked.");
    for (const person of [other, unverified, guest]) expect((await grantsAndMemberships(f.org.id, person.id)).grants).toEqual([]);
  });

  it("accepts a double click once: one grant, one audit event, the same answer twice", async () => {
    const f = await fixture();
    const { email, token } = await invited(f, "read");
    const guest = await quickPerson({ name: "Dora Double", email });
    const actor = await actorOf(guest);
    const answers = await Promise.all([acceptInvitation(actor, token), acceptInvitation(actor, token)]);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ project: { slug: "vision" }, role: "read" });
    expect((await grantsAndMemberships(f.org.id, guest.id)).grants).toEqual([{ projectId: f.project.id, role: "read" }]);
    expect((await auditActions(f.org.id)).filter((a) => a === "project.collaborator_joined")).toHaveLength(1);
  });

  it("declines: no grant, the link says declined, accepting afterwards is refused", async () => {
    const f = await fixture();
    const { email, token } = await invited(f);
    const guest = await quickPerson({ name: "Dee Decline", email });
    const res = await api("POST", `/api/v1/invitations/${token}/decline`, { as: guest });
    expect(res.status).toBe(200);
    expect((await getInvitationByToken(token)).status).toBe("declined");
    expect(await declineInvitation(await actorOf(guest), token)).toMatchObject({ project: { slug: "vision" } });
    expect((await api("POST", `/api/v1/invitations/${token}/accept`, { as: guest })).status).toBe(409);
    expect((await grantsAndMemberships(f.org.id, guest.id)).grants).toEqual([]);
    expect(await auditActions(f.org.id)).toContain("project.invitation_declined");
  });
});

describe("project invitations: listing, resending, revoking", () => {
  it("lists the project's open invitations for project admins only, apart from the organization's", async () => {
    const f = await fixture();
    const { email, id } = await invited(f, "read");
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision/invitations`;
    const listed = await bodyOf(await api("GET", base, { as: f.as("project admin") }));
    expect(listed.items).toEqual([expect.objectContaining({ id, email, role: "read", expired: false, invitedBy: { id: f.people.owner.id, name: "Olive Owner" } })]);
    for (const [caller, status] of [["write", 403], ["outsider", 403], ["stranger", 404], ["anonymous", 404]] as const) {
      expect((await api("GET", base, { as: f.as(caller) })).status, caller).toBe(status);
    }
    expect((await listInvitations(await f.actor("owner"))).items).toEqual([]);
    // The organization's invitation endpoints do not reach a project invitation.
    expect((await api("DELETE", `/api/v1/orgs/${f.org.slug}/invitations/${id}`, { as: f.as("owner") })).status).toBe(404);
    expect((await api("POST", `/api/v1/orgs/${f.org.slug}/invitations/${id}/resend`, { as: f.as("owner") })).status).toBe(404);
    expect((await listProjectInvitations(await f.actor("admin"), "vision")).items).toHaveLength(1);
  });

  it("resends with a new link (the old one dies) and revokes, for project admins only", async () => {
    const f = await fixture();
    const { email, id, token } = await invited(f);
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision/invitations/${id}`;
    expect((await api("POST", `${base}/resend`, { as: f.as("write") })).status).toBe(403);
    expect((await api("DELETE", base, { as: f.as("outsider") })).status).toBe(403);
    expect((await api("POST", `${base}/resend`, { as: f.as("project admin") })).status).toBe(204);
    await expect(getInvitationByToken(token)).rejects.toMatchObject({ status: 404 });
    const fresh = await inviteTokenFromOutbox(email);
    expect(fresh).not.toBe(token);
    expect((await getInvitationByToken(fresh)).status).toBe("pending");
    expect((await api("DELETE", base, { as: f.as("project admin") })).status).toBe(204);
    expect((await getInvitationByToken(fresh)).status).toBe("revoked");
    expect((await api("DELETE", base, { as: f.as("project admin") })).status).toBe(404);
    await expect(resendProjectInvitation(await f.actor("owner"), "vision", id)).rejects.toMatchObject({ status: 404 });
    expect((await api("DELETE", `/api/v1/orgs/${f.org.slug}/projects/vision/invitations/not-a-uuid`, { as: f.as("owner") })).status).toBe(404);
    expect(await auditActions(f.org.id)).toEqual(expect.arrayContaining(["project.invitation_sent", "project.invitation_resent", "project.invitation_revoked"]));
  });

  it("deleting the project takes its invitations with it", async () => {
    const f = await fixture();
    const { token } = await invited(f);
    expect((await api("DELETE", `/api/v1/orgs/${f.org.slug}/projects/vision`, { as: f.as("owner"), body: { confirm: "vision" } })).status).toBe(204);
    await expect(getInvitationByToken(token)).rejects.toMatchObject({ status: 404 });
  });
});

describe("an outside collaborator", () => {
  it("sees only the project granted to them; never members, teams or other projects; and no trace once the last grant goes", async () => {
    const f = await fixture();
    const owner = await f.actor("owner");
    await createTeam(owner, { name: "Core", slug: "core" });
    const db = await getDb();
    await db.insert(projects).values([
      { orgId: f.org.id, name: "Audio", slug: "audio", visibility: "internal" },
      { orgId: f.org.id, name: "Secret", slug: "secret", visibility: "private" },
    ]);
    const { email, token } = await invited(f, "read");
    const guest = await quickPerson({ name: "Gus Guest", email });
    const accepted = await bodyOf(await api("POST", `/api/v1/invitations/${token}/accept`, { as: guest }));
    // The organization's name comes with the invitation and with their list of shared projects; nothing else of it.
    expect(accepted.orgName).toBe("Seeded Org");
    expect(await listSharedProjects(await actorOf(guest))).toEqual([{ org: { slug: f.org.slug, name: "Seeded Org" }, project: { slug: "vision", name: "Vision" }, role: "read" }]);
    // A member's direct grant is not "shared from outside".
    expect(await listSharedProjects(await actorOf(f.people.member))).toEqual([]);

    const orgBase = `/api/v1/orgs/${f.org.slug}`;
    const list = await bodyOf(await api("GET", `${orgBase}/projects`, { as: guest }));
    expect(list.items.map((p: { slug: string; role: string }) => [p.slug, p.role])).toEqual([["vision", "read"]]);
    expect((await api("GET", `${orgBase}/projects/vision`, { as: guest })).status).toBe(200);
    for (const path of ["", "/members", "/teams", "/teams/core", "/projects/audio", "/projects/secret", "/invitations", "/audit"]) {
      const res = await api("GET", `${orgBase}${path}`, { as: guest });
      expect(res.status, path).toBe(404);
      expect((await bodyOf(res)).error.message, path).toMatch(/^No (organization by that name|such project)\.$/);
    }
    // Read only: no writes, no grants, no access tab.
    expect((await api("PATCH", `${orgBase}/projects/vision`, { as: guest, body: { name: "Mine" } })).status).toBe(403);
    expect((await api("GET", `${orgBase}/projects/vision/access`, { as: guest })).status).toBe(403);
    expect((await api("POST", `${orgBase}/projects/vision/invitations`, { as: guest, body: { email: guestEmail(), role: "read" } })).status).toBe(403);

    // The last grant goes: nothing is left of them in the organization.
    await removeCollaborator(owner, "vision", guest.id);
    expect(await grantsAndMemberships(f.org.id, guest.id)).toEqual({ grants: [], memberships: 0, teams: 0, removed: 0 });
    expect((await api("GET", `${orgBase}/projects`, { as: guest })).status).toBe(404);
    expect((await api("GET", `${orgBase}/projects/vision`, { as: guest })).status).toBe(404);
    expect(await listSharedProjects(await actorOf(guest))).toEqual([]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("project invitations: races on PostgreSQL", () => {
  it("two admins inviting the same address at once: one invitation, one mail, the other told it is pending", async () => {
    const f = await fixture();
    const email = guestEmail();
    const [a, b] = await Promise.all([f.actor("owner"), f.actor("project admin")]);
    const statuses = await Promise.all([statusOf(() => inviteToProject(a, "vision", { email, role: "read" })), statusOf(() => inviteToProject(b, "vision", { email, role: "write" }))]);
    expect(statuses.sort()).toEqual([201, 409]);
    expect((await state(f.org.id, f.project.id)).invitations).toHaveLength(1);
    expect(await mailsTo(email)).toHaveLength(1);
  });
});

describe("an outside collaborator who administers the project", () => {
  it("manages its direct grants and invitations, but sees neither who has access through the organization nor its teams", async () => {
    const f = await fixture("private", "internal");
    const owner = await f.actor("owner");
    await createTeam(owner, { name: "Core", slug: "core" });
    await api("PUT", `/api/v1/orgs/${f.org.slug}/projects/vision/teams/core`, { as: f.as("owner"), body: { role: "read" } });
    const base = `/api/v1/orgs/${f.org.slug}/projects/vision`;
    const access = await api("GET", `${base}/access`, { as: f.as("outside admin") });
    expect(access.status).toBe(403);
    expect((await bodyOf(access)).error.message).toMatch(/Only members of the organization see who has access/);
    expect((await api("GET", `${base}/access?format=csv`, { as: f.as("outside admin") })).status).toBe(403);
    expect((await api("GET", `${base}/access/${f.people.member.id}`, { as: f.as("outside admin") })).status).toBe(403);
    expect((await listProjectGrants(await f.actor("outside admin"), "vision")).teams).toEqual([]);
    expect((await listProjectGrants(owner, "vision")).teams.map((t) => t.team.slug)).toEqual(["core"]);
    // Members of the organization do see it all.
    expect((await api("GET", `${base}/access`, { as: f.as("project admin") })).status).toBe(200);
    expect((await api("GET", `${base}/invitations`, { as: f.as("outside admin") })).status).toBe(200);
  });
});

describe("OpenAPI: project invitations", () => {
  it("describes the project invitation operations with operationIds", async () => {
    const doc = await bodyOf(await api("GET", "/api/v1/openapi.json"));
    expect(doc.paths["/orgs/{slug}/projects/{project}/invitations"].post.operationId).toBe("inviteToProject");
    expect(doc.paths["/orgs/{slug}/projects/{project}/invitations"].post.summary).toMatch(/organization member gets the role directly/);
    expect(doc.paths["/orgs/{slug}/projects/{project}/invitations"].get.operationId).toBe("listProjectInvitations");
    expect(doc.paths["/orgs/{slug}/projects/{project}/invitations/{id}"].delete.operationId).toBe("revokeProjectInvitation");
    expect(doc.paths["/orgs/{slug}/projects/{project}/invitations/{id}/resend"].post.operationId).toBe("resendProjectInvitation");
  });
});
