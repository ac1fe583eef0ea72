/**
 * Deleting an organization (issue 9 item 21) and freed slugs (item 16): a deleted organization is
 * hidden everywhere and restorable by its owners for 14 days, then purged in the background; a
 * renamed one's old slug is held and keeps redirecting (with the path) until it is reclaimed.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, memberships, organizations, orgSlugRedirects } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { joinableOrg } from "@/lib/members/open-join";
import { purgeDeletedOrgs } from "@/lib/orgs/purge";
import { createOrg, deleteOrg, listDeletedOrgs, listMyOrgs, restoreOrg, RESTORE_DAYS, SLUG_HOLD_DAYS, updateOrg } from "@/lib/orgs/service";
import { useFreshDatabase } from "../support/database";
import { proveDomains, useDnsServer } from "../support/domains";
import { api, bodyOf } from "../support/http";
import { seedInvitation } from "../support/invitations";
import { actorOf, addMember, orgActorOf, person, quickPerson, uniqueSlug, type Person } from "../support/people";
import { updateAuthSettings } from "@/lib/auth-settings/service";

useFreshDatabase();
useDnsServer();

let owner: Person;
let coOwner: Person;
let member: Person;
beforeAll(async () => {
  [owner, coOwner, member] = await Promise.all([person("owner"), person("co-owner"), person("member")]);
});

async function deletedOrg() {
  const slug = uniqueSlug();
  const org = await createOrg(await actorOf(owner), { name: "Doomed", slug });
  await addMember(org.id, coOwner.id, "owner");
  await addMember(org.id, member.id, "member");
  const res = await api("DELETE", `/api/v1/orgs/${slug}`, { as: owner, body: { confirm: slug } });
  expect(res.status).toBe(204);
  return org;
}

describe("a deleted organization", () => {
  it("is hidden everywhere: pages, the API, lists, invitations and open join", async () => {
    const domain = `gone-${uniqueSlug()}.test`;
    const slug = uniqueSlug();
    const org = await createOrg(await actorOf(owner), { name: "Doomed", slug });
    await addMember(org.id, member.id, "member");
    await updateAuthSettings(await orgActorOf(owner, slug), { providers: [], domains: [domain], openJoin: true, defaultRole: "member", requireSso: false, oidc: null });
    await proveDomains(owner, org);
    const invited = await seedInvitation(org.id, `someone@${domain}`, "member", owner.id);
    const atDomain = await quickPerson({ email: `pat@${domain}` });
    expect(await joinableOrg(await actorOf(atDomain))).not.toBeNull();

    await deleteOrg(await orgActorOf(owner, slug), { confirm: slug });

    await expect(orgActorOf(owner, slug)).rejects.toBeInstanceOf(NotFoundError);
    for (const who of [owner, member]) {
      expect((await api("GET", `/api/v1/orgs/${slug}`, { as: who })).status).toBe(404);
      expect((await listMyOrgs(await actorOf(who))).items.map((o) => o.slug)).not.toContain(slug);
    }
    expect((await api("GET", `/api/v1/invitations/${invited.token}`)).status).toBe(404);
    expect(await joinableOrg(await actorOf(atDomain))).toBeNull();
  });

  it("is listed for its owners only, and restorable by them (as it was), not by members or strangers", async () => {
    const org = await deletedOrg();
    expect((await listDeletedOrgs(await actorOf(coOwner))).map((o) => o.slug)).toContain(org.slug);
    expect((await listDeletedOrgs(await actorOf(member))).map((o) => o.slug)).not.toContain(org.slug);

    const stranger = await person("stranger");
    for (const who of [member, stranger]) {
      const res = await api("POST", `/api/v1/orgs/${org.slug}/restore`, { as: who });
      expect(res.status).toBe(404);
    }
    expect((await api("POST", `/api/v1/orgs/${org.slug}/restore`)).status).toBe(401);

    const res = await api("POST", `/api/v1/orgs/${org.slug}/restore`, { as: coOwner });
    expect(res.status).toBe(201);
    expect(await bodyOf(res)).toEqual({ slug: org.slug, name: "Doomed" });
    expect((await orgActorOf(member, org.slug)).role).toBe("member");
    const db = await getDb();
    const trail = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.orgId, org.id));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["org.deleted", "org.restored"]));
    // Restoring twice: nothing deleted to restore.
    expect((await api("POST", `/api/v1/orgs/${org.slug}/restore`, { as: coOwner })).status).toBe(404);
  });

  it("holds its slug while restorable", async () => {
    const org = await deletedOrg();
    const res = await api("POST", "/api/v1/orgs", { as: member, body: { name: "Squatter", slug: org.slug } });
    expect(res.status).toBe(409);
  });

  it("is purged in the background after 14 days, with its memberships; the audit trail keeps the deletion", async () => {
    const org = await deletedOrg();
    const db = await getDb();
    expect(await purgeDeletedOrgs()).toBe(0);
    await db.update(organizations).set({ deletedAt: new Date(Date.now() - (RESTORE_DAYS + 1) * 86_400_000) }).where(eq(organizations.id, org.id));
    expect((await listDeletedOrgs(await actorOf(owner))).map((o) => o.slug)).not.toContain(org.slug);
    await expect(restoreOrg(await actorOf(owner), org.slug)).rejects.toBeInstanceOf(NotFoundError);
    expect(await purgeDeletedOrgs()).toBe(1);
    expect(await db.$count(organizations, eq(organizations.id, org.id))).toBe(0);
    expect(await db.$count(memberships, eq(memberships.orgId, org.id))).toBe(0);
    const trail = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.orgId, org.id));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["org.created", "org.deleted", "org.purged"]));
    // Purged, the slug is free again.
    expect((await api("POST", "/api/v1/orgs", { as: member, body: { name: "New", slug: org.slug } })).status).toBe(201);
  });
});

describe("a renamed organization's old slug", () => {
  it("redirects API calls with their path and query, is held from others, and comes back to its organization", async () => {
    const [oldSlug, newSlug] = [uniqueSlug(), uniqueSlug()];
    const org = await createOrg(await actorOf(owner), { name: "Renamed", slug: oldSlug });
    await updateOrg(await orgActorOf(owner, oldSlug), { slug: newSlug });

    const res = await api("GET", `/api/v1/orgs/${oldSlug}/members?limit=2`, { as: owner });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(`http://localhost:3000/api/v1/orgs/${newSlug}/members?limit=2`);

    const db = await getDb();
    const [held] = await db.select().from(orgSlugRedirects).where(eq(orgSlugRedirects.slug, oldSlug));
    expect(held.heldUntil.getTime()).toBeGreaterThan(Date.now() + (SLUG_HOLD_DAYS - 1) * 86_400_000);
    expect((await api("POST", "/api/v1/orgs", { as: member, body: { name: "Taker", slug: oldSlug } })).status).toBe(409);
    // The same organization may take its old name back.
    await updateOrg(await orgActorOf(owner, newSlug), { slug: oldSlug });
    expect((await orgActorOf(owner, oldSlug)).org.id).toBe(org.id);
  });
});
