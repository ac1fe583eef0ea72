import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { OrgMovedError } from "@/lib/auth/context";
import { isLastOwner, leaveOrg } from "@/lib/members/service";
import { createOrg, deleteOrg, getOrgOverview, listMyOrgs, updateOrg } from "@/lib/orgs/service";
import { useFreshDatabase } from "../support/database";
import { actorOf, addMember, orgActorOf, person, uniqueSlug } from "../support/people";

useFreshDatabase();

describe("organizations", () => {
  it("makes the creator its owner and audits the creation", async () => {
    const alice = await person("alice");
    const slug = uniqueSlug();
    const org = await createOrg(await actorOf(alice), { name: "<b>Deep</b> Labs", slug: slug.toUpperCase() });
    expect(org.slug).toBe(slug);
    expect(org.name).toBe("<b>Deep</b> Labs");
    const { items } = await listMyOrgs(await actorOf(alice));
    expect(items.map((o) => [o.slug, o.role])).toEqual([[slug, "owner"]]);
    const audit = await listAuditEvents(await orgActorOf(alice, slug), {});
    expect(audit.items.map((e) => e.action)).toEqual(["org.created"]);
  });

  it("refuses taken, reserved and malformed slugs without writing anything", async () => {
    const alice = await person("alice");
    const slug = uniqueSlug();
    await createOrg(await actorOf(alice), { name: "One", slug });
    await expect(createOrg(await actorOf(alice), { name: "Two", slug })).rejects.toBeInstanceOf(ConflictError);
    for (const bad of ["api", "signin", "-x", "a", "a--b", "ünï", "x".repeat(40), "'; drop table users;--"]) {
      await expect(createOrg(await actorOf(alice), { name: "Bad", slug: bad })).rejects.toThrow();
    }
    expect((await listMyOrgs(await actorOf(alice))).items).toHaveLength(1);
  });

  it("redirects old slugs after a rename, holds them, and lets another org claim them once the hold ends", async () => {
    const alice = await person("alice");
    const oldSlug = uniqueSlug();
    const newSlug = uniqueSlug();
    await createOrg(await actorOf(alice), { name: "Renamed", slug: oldSlug });
    await updateOrg(await orgActorOf(alice, oldSlug), { slug: newSlug, description: "now with text" });
    await expect(orgActorOf(alice, oldSlug)).rejects.toEqual(new OrgMovedError(newSlug));
    const audit = await listAuditEvents(await orgActorOf(alice, newSlug), { action: "org.updated" });
    expect(audit.items[0]).toMatchObject({ before: { slug: oldSlug, description: "" }, after: { slug: newSlug, description: "now with text" } });
    await expect(createOrg(await actorOf(alice), { name: "Claimer", slug: oldSlug })).rejects.toBeInstanceOf(ConflictError);
    await expect(orgActorOf(alice, oldSlug)).rejects.toEqual(new OrgMovedError(newSlug));
    const { getDb } = await import("@/db/client");
    const { orgSlugRedirects } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await (await getDb()).update(orgSlugRedirects).set({ heldUntil: new Date(Date.now() - 1000) }).where(eq(orgSlugRedirects.slug, oldSlug));
    await createOrg(await actorOf(alice), { name: "Claimer", slug: oldSlug });
    expect((await orgActorOf(alice, oldSlug)).org.name).toBe("Claimer");
  });

  it("lets only owners edit settings and hides private orgs from outsiders", async () => {
    const [owner, admin, outsider] = [await person("owner"), await person("admin"), await person("outsider")];
    const slug = uniqueSlug();
    const org = await createOrg(await actorOf(owner), { name: "Private", slug });
    await addMember(org.id, admin.id, "admin");
    const overview = await getOrgOverview(await orgActorOf(admin, slug));
    expect(overview.counts).toEqual({ members: 2, teams: 0, projects: 0, invitations: 0, signInSetUp: false });
    expect(overview.activity.map((e) => e.action)).toEqual(["org.created"]);
    await expect(updateOrg(await orgActorOf(admin, slug), { name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getOrgOverview(await orgActorOf(outsider, slug))).rejects.toBeInstanceOf(NotFoundError);
    await updateOrg(await orgActorOf(owner, slug), { visibility: "public" });
    await expect(getOrgOverview(await orgActorOf(outsider, slug))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("deletes only with the typed slug, and keeps the audit trail", async () => {
    const alice = await person("alice");
    const slug = uniqueSlug();
    const org = await createOrg(await actorOf(alice), { name: "Doomed", slug });
    await expect(deleteOrg(await orgActorOf(alice, slug), { confirm: "nope" })).rejects.toBeInstanceOf(ValidationError);
    await deleteOrg(await orgActorOf(alice, slug), { confirm: slug });
    await expect(orgActorOf(alice, slug)).rejects.toBeInstanceOf(NotFoundError);
    const { getDb } = await import("@/db/client");
    const { auditEvents } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const trail = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.orgId, org.id));
    expect(trail.map((e) => e.action)).toEqual(["org.created", "org.deleted"]);
    // The slug stays held while the organization may be restored.
    await expect(createOrg(await actorOf(alice), { name: "Squatter", slug })).rejects.toBeInstanceOf(ConflictError);
  });

  it("never lets the last owner leave", async () => {
    const [owner, second] = [await person("owner"), await person("second")];
    const slug = uniqueSlug();
    const org = await createOrg(await actorOf(owner), { name: "Kept", slug });
    expect(await isLastOwner(await orgActorOf(owner, slug))).toBe(true);
    await expect(leaveOrg(await orgActorOf(owner, slug))).rejects.toBeInstanceOf(ConflictError);
    await addMember(org.id, second.id, "owner");
    expect(await isLastOwner(await orgActorOf(owner, slug))).toBe(false);
    await leaveOrg(await orgActorOf(owner, slug));
    expect((await orgActorOf(owner, slug)).role).toBeNull();
    await expect(leaveOrg(await orgActorOf(second, slug))).rejects.toBeInstanceOf(ConflictError);
  });
});
