/**
 * The project matrix of issue 8 §7 as a literal table: caller × org visibility × project visibility
 * × grant source (none, direct, team, parent team; the grant is always "write"), with the effective
 * role written out by hand. Each case runs through the SQL predicate (listProjects), the pure
 * resolver (getProject → resolveProjectRole) and HTTP, and all three must give the table's answer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { projectGrants, projects, teamMembers, teams } from "@/db/schema";
import type { OrgVisibility, ProjectRole, ProjectVisibility } from "@/lib/authz";
import { getProject, listProjects } from "@/lib/projects/service";
import { useFreshDatabase } from "../../support/database";
import { api, bodyOf } from "../../support/http";
import { seedOrg } from "../../support/orgs";
import { orgActorOf, quickPerson, type Person } from "../../support/people";

useFreshDatabase();

type Caller = "owner" | "admin" | "member" | "viewer" | "outsider" | "stranger" | "anonymous";
type Source = "none" | "direct" | "team" | "parent";
type Eff = ProjectRole | "none";
const SOURCES: Source[] = ["none", "direct", "team", "parent"];

// The outsider holds only direct grants (teams are for members); the stranger is signed in and
// holds nothing.
// who          org        project     none     direct   team     parent
const TABLE: [Caller, OrgVisibility, ProjectVisibility, Eff, Eff, Eff, Eff][] = [
  ["owner",     "private", "private",  "admin", "admin", "admin", "admin"],
  ["owner",     "private", "internal", "admin", "admin", "admin", "admin"],
  ["owner",     "private", "public",   "admin", "admin", "admin", "admin"],
  ["owner",     "public",  "private",  "admin", "admin", "admin", "admin"],
  ["owner",     "public",  "internal", "admin", "admin", "admin", "admin"],
  ["owner",     "public",  "public",   "admin", "admin", "admin", "admin"],
  ["admin",     "private", "private",  "admin", "admin", "admin", "admin"],
  ["admin",     "private", "internal", "admin", "admin", "admin", "admin"],
  ["admin",     "private", "public",   "admin", "admin", "admin", "admin"],
  ["admin",     "public",  "private",  "admin", "admin", "admin", "admin"],
  ["admin",     "public",  "internal", "admin", "admin", "admin", "admin"],
  ["admin",     "public",  "public",   "admin", "admin", "admin", "admin"],
  ["member",    "private", "private",  "none",  "write", "write", "write"],
  ["member",    "private", "internal", "write", "write", "write", "write"],
  ["member",    "private", "public",   "write", "write", "write", "write"],
  ["member",    "public",  "private",  "none",  "write", "write", "write"],
  ["member",    "public",  "internal", "write", "write", "write", "write"],
  ["member",    "public",  "public",   "write", "write", "write", "write"],
  ["viewer",    "private", "private",  "none",  "write", "write", "write"],
  ["viewer",    "private", "internal", "read",  "write", "write", "write"],
  ["viewer",    "private", "public",   "read",  "write", "write", "write"],
  ["viewer",    "public",  "private",  "none",  "write", "write", "write"],
  ["viewer",    "public",  "internal", "read",  "write", "write", "write"],
  ["viewer",    "public",  "public",   "read",  "write", "write", "write"],
  ["outsider",  "private", "private",  "none",  "write", "none",  "none"],
  ["outsider",  "private", "internal", "none",  "write", "none",  "none"],
  ["outsider",  "private", "public",   "none",  "write", "none",  "none"],
  ["outsider",  "public",  "private",  "none",  "write", "none",  "none"],
  ["outsider",  "public",  "internal", "none",  "write", "none",  "none"],
  ["outsider",  "public",  "public",   "read",  "write", "read",  "read"],
  ["stranger",  "private", "private",  "none",  "none",  "none",  "none"],
  ["stranger",  "private", "internal", "none",  "none",  "none",  "none"],
  ["stranger",  "private", "public",   "none",  "none",  "none",  "none"],
  ["stranger",  "public",  "private",  "none",  "none",  "none",  "none"],
  ["stranger",  "public",  "internal", "none",  "none",  "none",  "none"],
  ["stranger",  "public",  "public",   "read",  "read",  "read",  "read"],
  ["anonymous", "private", "private",  "none",  "none",  "none",  "none"],
  ["anonymous", "private", "internal", "none",  "none",  "none",  "none"],
  ["anonymous", "private", "public",   "none",  "none",  "none",  "none"],
  ["anonymous", "public",  "private",  "none",  "none",  "none",  "none"],
  ["anonymous", "public",  "internal", "none",  "none",  "none",  "none"],
  ["anonymous", "public",  "public",   "read",  "read",  "read",  "read"],
];
const cases = TABLE.flatMap(([who, orgVisibility, visibility, ...roles]) => SOURCES.map((source, i) => ({ who, orgVisibility, visibility, source, expected: roles[i] })));

let people: Record<Exclude<Caller, "anonymous">, Person>;
const orgs: Record<OrgVisibility, { slug: string }> = {} as never;
const slugOf = (visibility: ProjectVisibility, source: Source) => `${visibility}-${source}`;

beforeAll(async () => {
  people = {
    owner: await quickPerson({ name: "Owner" }),
    admin: await quickPerson({ name: "Admin" }),
    member: await quickPerson({ name: "Member" }),
    viewer: await quickPerson({ name: "Viewer" }),
    outsider: await quickPerson({ name: "Outsider" }),
    stranger: await quickPerson({ name: "Stranger" }),
  };
  const db = await getDb();
  for (const orgVisibility of ["private", "public"] as const) {
    const org = await seedOrg([[people.owner, "owner"], [people.admin, "admin"], [people.member, "member"], [people.viewer, "viewer"]], { visibility: orgVisibility });
    orgs[orgVisibility] = org;
    // member and viewer are on "child"; "parent" is child's parent, and "grandparent" above it holds nothing.
    const [top] = await db.insert(teams).values({ orgId: org.id, name: "Top", slug: "top" }).returning();
    const [parent] = await db.insert(teams).values({ orgId: org.id, name: "Parent", slug: "parent", parentId: top.id }).returning();
    const [child] = await db.insert(teams).values({ orgId: org.id, name: "Child", slug: "child", parentId: parent.id }).returning();
    await db.insert(teamMembers).values([people.member, people.viewer].map((p) => ({ teamId: child.id, userId: p.id })));
    for (const visibility of ["private", "internal", "public"] as const) {
      for (const source of SOURCES) {
        const [project] = await db.insert(projects).values({ orgId: org.id, name: slugOf(visibility, source), slug: slugOf(visibility, source), visibility }).returning();
        if (source === "direct") await db.insert(projectGrants).values([people.member, people.viewer, people.outsider].map((p) => ({ projectId: project.id, userId: p.id, role: "write" as const })));
        if (source === "team") await db.insert(projectGrants).values({ projectId: project.id, teamId: child.id, role: "write" });
        if (source === "parent") await db.insert(projectGrants).values({ projectId: project.id, teamId: parent.id, role: "write" });
      }
    }
  }
});

const personOf = (who: Caller) => (who === "anonymous" ? null : people[who]);

describe("effective project role: the SQL predicate, the pure resolver and HTTP agree with the table", () => {
  it("has one case per caller × org visibility × project visibility × grant source", () => {
    expect(cases).toHaveLength(7 * 2 * 3 * 4);
    expect(new Set(TABLE.map(([w, o, p]) => `${w}/${o}/${p}`)).size).toBe(42);
  });

  it.each(cases)("$who · $orgVisibility org · $visibility project · grant via $source → $expected", async ({ who, orgVisibility, visibility, source, expected }) => {
    const slug = orgs[orgVisibility].slug;
    const actor = await orgActorOf(personOf(who), slug);
    const projectSlug = slugOf(visibility, source);

    // SQL: the list holds the project with that role, or leaves it out (or is a 404 altogether).
    const listed = await listProjects(actor, { query: projectSlug, limit: 100 }).then(
      (page) => page.items.find((p) => p.slug === projectSlug)?.role ?? "none",
      () => "none",
    );
    // Pure: resolveProjectRole() through getProject.
    const resolved = await getProject(actor, projectSlug).then(
      (p) => p.role,
      () => "none",
    );
    expect({ sql: listed, pure: resolved }).toEqual({ sql: expected, pure: expected });

    const res = await api("GET", `/api/v1/orgs/${slug}/projects/${projectSlug}`, { as: personOf(who) });
    const body = await bodyOf(res);
    if (expected === "none") {
      expect(res.status).toBe(who === "anonymous" && orgVisibility === "public" ? 401 : 404);
    } else {
      expect(res.status).toBe(200);
      expect(body.role).toBe(expected);
      // The winner is one of the sources, and holds the role.
      expect(body.access.sources).toContainEqual(body.access.winner);
      expect(body.access.winner.role).toBe(expected);
    }
  });
});
