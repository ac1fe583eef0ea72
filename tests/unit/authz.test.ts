/**
 * DESIGN.md §3 as literal tables. Every expectation below is written out by hand from the design
 * document, not computed from the policy, so a change to lib/authz/policy.ts that disagrees with
 * the design makes a row fail.
 */
import { describe, expect, it } from "vitest";
import {
  API_AREAS,
  authorize,
  can,
  gate,
  PROJECT_ROLES,
  RULES,
  teamPrincipal,
  type TokenRestriction,
  orgPrincipal,
  projectPrincipal,
  resolveProjectRole,
  ssoSatisfied,
  type Action,
  type OrgPrincipal,
  type OrgRole,
  type OrgVisibility,
  type ProjectFacts,
  type ProjectRole,
  type ProjectVisibility,
  type SsoPolicy,
} from "@/lib/authz";
import type { FactsOf, ScopeOf } from "@/lib/authz/rules";
import { ForbiddenError, NotFoundError, SsoRequiredError, UnauthenticatedError } from "@/lib/errors";

const CALLERS = {
  owner: { signedIn: true, membershipRole: "owner" },
  admin: { signedIn: true, membershipRole: "admin" },
  member: { signedIn: true, membershipRole: "member" },
  viewer: { signedIn: true, membershipRole: "viewer" },
  outsider: { signedIn: true, membershipRole: null },
  anonymous: { signedIn: false, membershipRole: null },
} as const satisfies Record<string, { signedIn: boolean; membershipRole: OrgRole | null }>;
type Who = keyof typeof CALLERS;
const principal = (who: Who, orgVisibility: OrgVisibility = "private"): OrgPrincipal => orgPrincipal({ ...CALLERS[who], orgVisibility });
const PRINCIPALS = Object.fromEntries(Object.keys(CALLERS).map((who) => [who, principal(who as Who)])) as Record<Who, OrgPrincipal>;
/** can() over a row whose action type is only known at run time. */
const canAny = can as (p: unknown, action: Action, facts?: unknown) => boolean;
const COLUMNS = Object.keys(PRINCIPALS) as Who[];

/** "✓ ✓ – – – –" → one boolean per column: owner admin member viewer outsider anonymous. */
function columns(row: string): boolean[] {
  const marks = row.trim().split(/\s+/);
  if (marks.length !== COLUMNS.length || marks.some((m) => m !== "✓" && m !== "–")) throw new Error(`bad row: ${row}`);
  return marks.map((m) => m === "✓");
}

type OrgAction = { [A in Action]: ScopeOf<A> extends "org" ? A : never }[Action];

/** Every organization action; the type checker complains when the policy gains one not listed here. */
const ORG_ACTIONS = {
  "org.view": 1, "org.settings.edit": 1, "org.delete": 1, "org.plan.change": 1, "org.auth.view": 1, "org.auth.edit": 1,
  "org.audit.view": 1, "org.leave": 1, "org.join": 1, "invitation.list": 1, "invitation.create": 1, "invitation.manage": 1, "member.role.change": 1,
  "member.remove": 1, "team.create": 1, "project.create": 1, "registry.create": 1, "hub.create": 1, "team.delete": 1,
  "project.delete": 1, "registry.delete": 1, "hub.delete": 1, "agents.manage": 1, "queues.manage": 1,
  "connections.manage": 1, "presets.manage": 1, "registry.promote": 1, "org.promote": 1,
  "hub.view": 1, "hub.version.push": 1, "hub.tag.move": 1, "registry.view": 1, "registry.alias.move": 1, "registry.alias.protect": 1, "storage.view": 1, "storage.warnings": 1,
  "member.activity.view": 1,
} satisfies Record<OrgAction, 1>;

type Row = { action: OrgAction; resource: object; marks: string };
const row = <A extends OrgAction>(action: A, resource: [FactsOf<A>] extends [void] ? object : FactsOf<A> & object, marks: string): Row => ({ action, resource, marks });

/** DESIGN §3, organization actions, with every resource state that changes the answer. */
const ORG_TABLE: Row[] = [
  // action                 resource                                        owner admin member viewer outsider anonymous
  row("org.view",           {},                                            "✓     ✓     ✓      ✓      –        –"),
  row("org.settings.edit",  {},                                            "✓     –     –      –      –        –"),
  row("org.delete",         {},                                            "✓     –     –      –      –        –"),
  row("org.plan.change",    {},                                            "✓     –     –      –      –        –"),
  row("org.auth.view",      {},                                            "✓     ✓     –      –      –        –"),
  row("org.auth.edit",      {},                                            "✓     –     –      –      –        –"),
  row("org.audit.view",     {},                                            "✓     ✓     –      –      –        –"),
  row("org.leave",          { isLastOwner: false },                        "✓     ✓     ✓      ✓      –        –"),
  row("org.leave",          { isLastOwner: true },                         "–     ✓     ✓      ✓      –        –"),
  // Open join: only a signed-in non-member whom the organization's settings admit.
  row("org.join",           { refusal: null },                             "–     –     –      –      ✓        –"),
  row("org.join",           { refusal: "off" },                            "–     –     –      –      –        –"),
  row("invitation.list",    {},                                            "✓     ✓     –      –      –        –"),
  row("invitation.create",  { role: "owner" },                             "✓     –     –      –      –        –"),
  row("invitation.create",  { role: "admin" },                             "✓     ✓     –      –      –        –"),
  row("invitation.create",  { role: "member" },                            "✓     ✓     –      –      –        –"),
  row("invitation.create",  { role: "viewer" },                            "✓     ✓     –      –      –        –"),
  row("invitation.manage",  { role: "owner" },                             "✓     –     –      –      –        –"),
  row("invitation.manage",  { role: "admin" },                             "✓     ✓     –      –      –        –"),
  row("invitation.manage",  { role: "member" },                            "✓     ✓     –      –      –        –"),
  row("invitation.manage",  { role: "viewer" },                            "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "owner", newRole: "owner" },    "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "owner", newRole: "admin" },    "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "owner", newRole: "member" },   "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "owner", newRole: "viewer" },   "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "admin", newRole: "owner" },    "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "admin", newRole: "admin" },    "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "admin", newRole: "member" },   "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "admin", newRole: "viewer" },   "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "member", newRole: "owner" },   "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "member", newRole: "admin" },   "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "member", newRole: "member" },  "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "member", newRole: "viewer" },  "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "viewer", newRole: "owner" },   "✓     –     –      –      –        –"),
  row("member.role.change", { currentRole: "viewer", newRole: "admin" },   "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "viewer", newRole: "member" },  "✓     ✓     –      –      –        –"),
  row("member.role.change", { currentRole: "viewer", newRole: "viewer" },  "✓     ✓     –      –      –        –"),
  row("member.remove",      { role: "owner" },                             "✓     –     –      –      –        –"),
  row("member.remove",      { role: "admin" },                             "✓     ✓     –      –      –        –"),
  row("member.remove",      { role: "member" },                            "✓     ✓     –      –      –        –"),
  row("member.remove",      { role: "viewer" },                            "✓     ✓     –      –      –        –"),
  row("team.create",        {},                                            "✓     ✓     –      –      –        –"),
  row("project.create",     {},                                            "✓     ✓     –      –      –        –"),
  row("registry.create",    {},                                            "✓     ✓     –      –      –        –"),
  row("hub.create",         {},                                            "✓     ✓     –      –      –        –"),
  row("team.delete",        { isTeamMember: true },                        "✓     ✓     –      –      –        –"),
  row("team.delete",        { isTeamMember: false },                       "✓     –     –      –      –        –"),
  row("project.delete",     { hasGrant: true },                            "✓     ✓     –      –      –        –"),
  row("project.delete",     { hasGrant: false },                           "✓     –     –      –      –        –"),
  row("registry.delete",    { isCreator: true },                           "✓     ✓     –      –      –        –"),
  row("registry.delete",    { isCreator: false },                          "✓     –     –      –      –        –"),
  row("hub.delete",         { isCreator: true },                           "✓     ✓     –      –      –        –"),
  row("hub.delete",         { isCreator: false },                          "✓     –     –      –      –        –"),
  row("agents.manage",      {},                                            "✓     ✓     –      –      –        –"),
  row("queues.manage",      {},                                            "✓     ✓     –      –      –        –"),
  row("connections.manage", {},                                            "✓     ✓     –      –      –        –"),
  row("presets.manage",     {},                                            "✓     ✓     –      –      –        –"),
  row("registry.promote",   {},                                            "✓     ✓     –      –      –        –"),
  row("org.promote",        {},                                            "✓     ✓     –      –      –        –"),
  row("hub.view",           {},                                            "✓     ✓     ✓      ✓      –        –"),
  row("hub.version.push",   {},                                            "✓     ✓     –      –      –        –"),
  row("hub.tag.move",       {},                                            "✓     ✓     –      –      –        –"),
  row("registry.view",      {},                                            "✓     ✓     ✓      ✓      –        –"),
  row("registry.alias.protect", {},                                        "✓     ✓     –      –      –        –"),
  row("storage.view",       {},                                            "✓     ✓     ✓      ✓      –        –"),
  row("storage.warnings",   {},                                            "✓     ✓     –      –      –        –"),
  row("member.activity.view", {},                                          "✓     ✓     –      –      –        –"),
  row("registry.alias.move", { alias: "staging", protected: false, teamName: null, inTeam: false },  "✓ ✓ ✓ – – –"),
  row("registry.alias.move", { alias: "prod", protected: true, teamName: null, inTeam: false },      "✓ ✓ – – – –"),
  row("registry.alias.move", { alias: "prod", protected: true, teamName: "ML", inTeam: true },       "✓ ✓ ✓ – – –"),
];

const orgCases = ORG_TABLE.flatMap(({ action, resource, marks }) =>
  columns(marks).map((expected, i) => ({ action, resource, who: COLUMNS[i], expected })),
);

describe("can(): organization actions (DESIGN §3 table)", () => {
  it("has rows for every organization action and every resource state", () => {
    expect(new Set(ORG_TABLE.map((r) => r.action))).toEqual(new Set(Object.keys(ORG_ACTIONS)));
    // 18 role-only actions, org.leave ×2, org.join ×2, invitations 2×4, role change 4×4, remove ×4, deletes 4×2,
    // 7 hub, registry and storage role-only actions, alias moves ×3, member activity.
    expect(ORG_TABLE).toHaveLength(18 + 2 + 2 + 8 + 16 + 4 + 8 + 7 + 3 + 1);
  });

  it.each(orgCases)("$who · $action $resource → $expected", ({ who, action, resource, expected }) => {
    expect(canAny(PRINCIPALS[who], action, resource)).toBe(expected);
  });

  it("treats an anonymous principal as having no role, whatever role it carries", () => {
    const forged = orgPrincipal({ signedIn: false, membershipRole: "owner", orgVisibility: "private" });
    expect(can(forged, "org.view")).toBe(false);
    expect(can(forged, "org.delete")).toBe(false);
    expect(can(forged, "member.remove", { role: "viewer" })).toBe(false);
    expect(can(forged, "org.leave", { isLastOwner: false })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

type Eff = ProjectRole | "none";
/**
 * Effective project role for each principal × org visibility × project visibility, then for the
 * grants [] / ["read"] / ["write"] / ["admin"] held by the principal (directly or through a team).
 */
const PROJECT_TABLE: [Who, OrgVisibility, ProjectVisibility, Eff, Eff, Eff, Eff][] = [
  // who       org        project     no grant +read    +write   +admin
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

  ["member",    "private", "private",  "none",  "read",  "write", "admin"],
  ["member",    "private", "internal", "write", "write", "write", "admin"],
  ["member",    "private", "public",   "write", "write", "write", "admin"],
  ["member",    "public",  "private",  "none",  "read",  "write", "admin"],
  ["member",    "public",  "internal", "write", "write", "write", "admin"],
  ["member",    "public",  "public",   "write", "write", "write", "admin"],

  ["viewer",    "private", "private",  "none",  "read",  "write", "admin"],
  ["viewer",    "private", "internal", "read",  "read",  "write", "admin"],
  ["viewer",    "private", "public",   "read",  "read",  "write", "admin"],
  ["viewer",    "public",  "private",  "none",  "read",  "write", "admin"],
  ["viewer",    "public",  "internal", "read",  "read",  "write", "admin"],
  ["viewer",    "public",  "public",   "read",  "read",  "write", "admin"],

  ["outsider",  "private", "private",  "none",  "read",  "write", "admin"],
  ["outsider",  "private", "internal", "none",  "read",  "write", "admin"],
  ["outsider",  "private", "public",   "none",  "read",  "write", "admin"],
  ["outsider",  "public",  "private",  "none",  "read",  "write", "admin"],
  ["outsider",  "public",  "internal", "none",  "read",  "write", "admin"],
  ["outsider",  "public",  "public",   "read",  "read",  "write", "admin"],

  // Anonymous people hold no grants (grants belong to people), so a grant in the input changes nothing.
  ["anonymous", "private", "private",  "none",  "none",  "none",  "none"],
  ["anonymous", "private", "internal", "none",  "none",  "none",  "none"],
  ["anonymous", "private", "public",   "none",  "none",  "none",  "none"],
  ["anonymous", "public",  "private",  "none",  "none",  "none",  "none"],
  ["anonymous", "public",  "internal", "none",  "none",  "none",  "none"],
  ["anonymous", "public",  "public",   "read",  "read",  "read",  "read"],
];
const GRANTS: readonly (readonly ProjectRole[])[] = [[], ["read"], ["write"], ["admin"]];
/** Grants held directly; team grants are the same to the role (lib/authz/visible's test covers the paths). */
const facts = (visibility: ProjectVisibility, grants: readonly ProjectRole[] = []): ProjectFacts => ({ visibility, grants: grants.map((role) => ({ role, team: null })) });
type ProjectResource = { orgVisibility: OrgVisibility; visibility: ProjectVisibility; grants: readonly ProjectRole[] };
/** The project principal of `who` on a project of an organization with that visibility. */
const onProject = (who: Who, r: ProjectResource) => projectPrincipal(principal(who, r.orgVisibility), facts(r.visibility, r.grants));
const roleOn = (who: Who, r: ProjectResource) => resolveProjectRole(principal(who, r.orgVisibility), facts(r.visibility, r.grants)).role;

const projectCases = PROJECT_TABLE.flatMap(([who, orgVisibility, visibility, ...expected]) =>
  GRANTS.map((grants, i) => ({ who, orgVisibility, visibility, grants, expected: expected[i] })),
);

/** What each effective role allows, by definition of the project roles (read < write < admin). */
const ALLOWS: Record<Eff, { read: boolean; write: boolean; admin: boolean }> = {
  none: { read: false, write: false, admin: false },
  read: { read: true, write: false, admin: false },
  write: { read: true, write: true, admin: false },
  admin: { read: true, write: true, admin: true },
};

describe("effectiveProjectRole() and project.read/write/admin (DESIGN §3 project roles)", () => {
  it("has one row per principal × org visibility × project visibility", () => {
    expect(projectCases).toHaveLength(6 * 2 * 3 * 4);
    expect(new Set(PROJECT_TABLE.map(([w, o, p]) => `${w}/${o}/${p}`)).size).toBe(36);
  });

  it.each(projectCases)(
    "$who · $orgVisibility org · $visibility project · grants $grants → $expected",
    ({ who, orgVisibility, visibility, grants, expected }) => {
      const project = facts(visibility, grants);
      const p = principal(who, orgVisibility);
      expect(resolveProjectRole(p, project).role ?? "none").toBe(expected);
      const pp = projectPrincipal(p, project);
      expect({
        read: can(pp, "project.read"),
        write: can(pp, "project.write"),
        admin: can(pp, "project.admin"),
      }).toEqual(ALLOWS[expected]);
    },
  );

  it("takes the highest of several grants (direct and through teams)", () => {
    const project: ProjectResource = { orgVisibility: "private", visibility: "private", grants: ["read", "admin", "write"] };
    expect(roleOn("outsider", project)).toBe("admin");
    expect(roleOn("member", { ...project, grants: ["read", "read"] })).toBe("read");
  });

  it("spells out the cases DESIGN §3 calls out", () => {
    const on = (orgVisibility: OrgVisibility, visibility: ProjectVisibility, grants: ProjectRole[] = []) => ({ orgVisibility, visibility, grants });
    // viewer on an internal project reads
    expect(can(onProject("viewer", on("private", "internal")), "project.read")).toBe(true);
    expect(can(onProject("viewer", on("private", "internal")), "project.write")).toBe(false);
    // member on a private project gets nothing unless granted
    expect(can(onProject("member", on("private", "private")), "project.read")).toBe(false);
    expect(can(onProject("member", on("private", "private", ["read"])), "project.read")).toBe(true);
    // a read grant never lowers a member's inherited write
    expect(can(onProject("member", on("private", "internal", ["read"])), "project.write")).toBe(true);
    // anonymous reads only public projects of public orgs, and never writes
    expect(can(onProject("anonymous", on("public", "public")), "project.read")).toBe(true);
    expect(can(onProject("anonymous", on("public", "public")), "project.write")).toBe(false);
    expect(can(onProject("anonymous", on("private", "public")), "project.read")).toBe(false);
    // an outsider with a grant gets exactly the grant
    expect(roleOn("outsider", on("private", "private", ["write"]))).toBe("write");
    expect(can(onProject("outsider", on("private", "private", ["write"])), "project.admin")).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// authorize()
// ---------------------------------------------------------------------------------------------

const scope = principal;
const project = (orgVisibility: OrgVisibility, visibility: ProjectVisibility, grants: ProjectRole[] = []): ProjectResource => ({ orgVisibility, visibility, grants });

function captured(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("did not throw");
}

describe("authorize()", () => {
  it("returns quietly when the action is allowed", () => {
    expect(() => authorize(scope("owner"), "org.delete")).not.toThrow();
    expect(() => authorize(scope("admin"), "invitation.create", { role: "viewer" })).not.toThrow();
    expect(() => authorize(onProject("outsider", project("private", "private", ["read"])), "project.read")).not.toThrow();
    expect(() => authorize(onProject("anonymous", project("public", "public")), "project.read")).not.toThrow();
  });

  it("hides a private organization from outsiders (NotFound) but not a public one (Forbidden)", () => {
    expect(() => authorize(scope("outsider", "private"), "org.view")).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "private"), "org.delete")).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "public"), "org.view")).toThrow(ForbiddenError);
    expect(() => authorize(scope("outsider", "public"), "org.audit.view")).toThrow(ForbiddenError);
  });

  it("answers Forbidden to members who may see the org but not do the action", () => {
    expect(() => authorize(scope("member"), "org.delete")).toThrow(ForbiddenError);
    expect(() => authorize(scope("admin"), "org.settings.edit")).toThrow(ForbiddenError);
    expect(() => authorize(scope("admin"), "member.role.change", { currentRole: "member", newRole: "owner" })).toThrow(ForbiddenError);
    expect(() => authorize(scope("viewer"), "org.audit.view")).toThrow(ForbiddenError);
    expect(() => authorize(scope("owner"), "org.leave", { isLastOwner: true })).toThrow(ForbiddenError);
  });

  it("answers anonymous callers of a private organization with the strangers' NotFound (issue 9, item 12)", () => {
    const asStranger = captured(() => authorize(scope("outsider", "private"), "org.view"));
    const asAnonymous = captured(() => authorize(scope("anonymous", "private"), "org.view"));
    expect(asAnonymous).toBeInstanceOf(NotFoundError);
    expect(asAnonymous.message).toBe(asStranger.message);
    expect(() => authorize(scope("anonymous", "private"), "org.delete")).toThrow(NotFoundError);
  });

  it("answers Unauthenticated to anonymous callers of a public organization's actions", () => {
    expect(() => authorize(scope("anonymous", "public"), "org.view")).toThrow(UnauthenticatedError);
    expect(() => authorize(scope("anonymous", "public"), "org.delete")).toThrow(UnauthenticatedError);
  });

  it("answers NotFound for project actions on a project the caller cannot read", () => {
    expect(() => authorize(onProject("member", project("private", "private")), "project.read")).toThrow(NotFoundError);
    expect(() => authorize(onProject("member", project("private", "private")), "project.admin")).toThrow(NotFoundError);
    expect(() => authorize(onProject("outsider", project("public", "internal")), "project.read")).toThrow(NotFoundError);
    expect(() => authorize(onProject("outsider", project("private", "public")), "project.write")).toThrow(NotFoundError);
  });

  it("answers Forbidden for project actions on a project the caller can read", () => {
    expect(() => authorize(onProject("viewer", project("private", "internal")), "project.write")).toThrow(ForbiddenError);
    expect(() => authorize(onProject("member", project("private", "internal")), "project.admin")).toThrow(ForbiddenError);
    expect(() => authorize(onProject("outsider", project("public", "public")), "project.write")).toThrow(ForbiddenError);
    expect(() => authorize(onProject("outsider", project("private", "private", ["write"])), "project.admin")).toThrow(ForbiddenError);
  });

  it("answers anonymous callers of a private organization's projects with NotFound, as strangers", () => {
    expect(() => authorize(onProject("anonymous", project("private", "public")), "project.read")).toThrow(NotFoundError);
    expect(() => authorize(onProject("outsider", project("private", "public")), "project.read")).toThrow(NotFoundError);
  });

  it("answers Unauthenticated to anonymous callers of a public organization's projects they cannot read", () => {
    expect(() => authorize(onProject("anonymous", project("public", "internal")), "project.read")).toThrow(UnauthenticatedError);
  });

  it("answers Unauthenticated to anonymous callers writing to a public project they can read", () => {
    expect(() => authorize(onProject("anonymous", project("public", "public")), "project.write")).toThrow(UnauthenticatedError);
  });

  it("answers Forbidden/NotFound for project.create and project.delete by the organization rule", () => {
    expect(() => authorize(scope("member"), "project.create")).toThrow(ForbiddenError);
    expect(() => authorize(scope("admin"), "project.delete", { hasGrant: false })).toThrow(ForbiddenError);
    expect(() => authorize(scope("outsider", "private"), "project.delete", { hasGrant: true })).toThrow(NotFoundError);
    expect(() => authorize(scope("anonymous"), "project.create")).toThrow(NotFoundError);
    expect(() => authorize(scope("anonymous", "public"), "project.create")).toThrow(UnauthenticatedError);
  });
});

// ---------------------------------------------------------------------------------------------
// Require SSO (DESIGN §5): owners keep password sign-in as break-glass
// ---------------------------------------------------------------------------------------------

describe("ssoSatisfied(): who a required SSO lets through", () => {
  const required = { required: true, methods: ["google", "org-1"] };
  const off = { required: false, methods: ["google", "org-1"] };
  // sign-in method    owner admin member viewer outsider
  const TABLE: [SsoPolicy, string, string][] = [
    [required, "password", "✓     –     –      –      ✓"],
    [required, "github",   "✓     –     –      –      ✓"],
    [required, "google",   "✓     ✓     ✓      ✓      ✓"],
    [required, "org-1",    "✓     ✓     ✓      ✓      ✓"],
    [required, "org-2",    "✓     –     –      –      ✓"],
    [off,      "password", "✓     ✓     ✓      ✓      ✓"],
  ];
  const ROLES = ["owner", "admin", "member", "viewer", null] as const;
  const cases = TABLE.flatMap(([policy, method, marks]) =>
    marks
      .trim()
      .split(/\s+/)
      .map((mark, i) => ({ policy, method, role: ROLES[i], expected: mark === "✓" })),
  );

  it.each(cases)("required=$policy.required · $role signed in by $method → $expected", ({ policy, method, role, expected }) => {
    expect(ssoSatisfied(policy, role, method)).toBe(expected);
  });

  /** An admin signed in with a password where SSO is required: the constructor leaves them no role. */
  const pendingIn = (orgVisibility: OrgVisibility) =>
    orgPrincipal({ signedIn: true, membershipRole: "admin", orgVisibility, sso: required, method: "password" });

  it("counts a principal whose SSO is pending as an outsider, though the member has a role", () => {
    const pending = pendingIn("private");
    expect(pending).toMatchObject({ orgRole: null, ssoPending: true });
    expect(can(pending, "org.view")).toBe(false);
    expect(can(pending, "member.remove", { role: "viewer" })).toBe(false);
    expect(can(pending, "org.leave", { isLastOwner: false })).toBe(false);
    expect(resolveProjectRole(pending, facts("internal")).role).toBeNull();
    // Their grants wait for the SSO sign-in too.
    expect(resolveProjectRole(pending, facts("private", ["admin"])).role).toBeNull();
  });

  it("refuses a member whose SSO is pending with SsoRequired, not NotFound or Forbidden", () => {
    expect(() => authorize(pendingIn("private"), "org.view")).toThrow(SsoRequiredError);
    expect(() => authorize(pendingIn("public"), "org.audit.view")).toThrow(SsoRequiredError);
    expect(() => authorize(projectPrincipal(pendingIn("private"), facts("internal")), "project.read")).toThrow(SsoRequiredError);
    // What anyone may do stays allowed: a public project of a public organization.
    expect(() => authorize(projectPrincipal(pendingIn("public"), facts("public")), "project.read")).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// gate(), the rows outside DESIGN §3's table, and scoped tokens
// ---------------------------------------------------------------------------------------------

describe("gate(): the floor alone, before any input is parsed", () => {
  it("lets through whoever meets the floor, whatever the facts will say", () => {
    expect(() => gate(scope("admin"), "invitation.create")).not.toThrow();
    expect(() => gate(scope("admin"), "member.remove")).not.toThrow();
    expect(() => gate(scope("owner"), "org.leave")).not.toThrow();
  });

  it("refuses below the floor with the same error authorize() would give", () => {
    expect(() => gate(scope("member"), "invitation.create")).toThrow(ForbiddenError);
    expect(() => gate(scope("outsider", "private"), "invitation.create")).toThrow(NotFoundError);
    expect(() => gate(scope("anonymous", "private"), "member.remove")).toThrow(NotFoundError);
    expect(() => gate(scope("anonymous", "public"), "member.remove")).toThrow(UnauthenticatedError);
    expect(() => gate(scope("outsider", "public"), "org.leave")).toThrow(ForbiddenError);
  });
});

describe("rows outside DESIGN §3's table", () => {
  const account = (signedIn: boolean) => ({ signedIn });
  const invite = { invitedEmail: "Ann@Example.test", viewerEmail: "ann@example.test", emailTrusted: true };

  it("invitation.accept: only the invited, verified address, with the reason otherwise", () => {
    expect(can(account(true), "invitation.accept", invite)).toBe(true);
    expect(can(account(true), "invitation.accept", { ...invite, emailTrusted: false })).toBe(false);
    expect(can(account(true), "invitation.accept", { ...invite, viewerEmail: "bob@example.test" })).toBe(false);
    expect(can(account(false), "invitation.accept", invite)).toBe(false);
    expect(() => authorize(account(true), "invitation.accept", { ...invite, viewerEmail: "bob@example.test" })).toThrow(
      "This invitation is for Ann@Example.test, and you are signed in as bob@example.test.",
    );
    expect(() => authorize(account(true), "invitation.accept", { ...invite, emailTrusted: false })).toThrow("Verify your email address first");
    expect(() => authorize(account(false), "invitation.accept", invite)).toThrow(UnauthenticatedError);
  });

  it("org.join: a refusal the person may understand is said, even by a private organization", () => {
    expect(() => authorize(scope("outsider", "private"), "org.join", { refusal: "unverified" })).toThrow("Verify your email address first");
    // Not claimed by this organization: it stays hidden.
    expect(() => authorize(scope("outsider", "private"), "org.join", { refusal: "unclaimed" })).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "public"), "org.join", { refusal: "unclaimed" })).toThrow(ForbiddenError);
  });

  // team role held:       maintainer member none
  const TEAM_TABLE: [Who, string][] = [
    ["owner",     "✓ ✓ ✓"],
    ["admin",     "✓ ✓ ✓"],
    ["member",    "✓ – –"],
    ["viewer",    "✓ – –"],
    ["outsider",  "– – –"],
    ["anonymous", "– – –"],
  ];
  const HELD = ["maintainer", "member", null] as const;
  const teamCases = TEAM_TABLE.flatMap(([who, marks]) => marks.split(" ").map((m, i) => ({ who, held: HELD[i], expected: m === "✓" })));

  it.each(teamCases)("team.update / team.members.manage · $who holding $held → $expected", ({ who, held, expected }) => {
    const p = teamPrincipal(principal(who), held);
    expect(can(p, "team.update")).toBe(expected);
    expect(can(p, "team.members.manage")).toBe(expected);
  });

  // grantable role:       admin write read
  const GRANT_TABLE: [Eff, string][] = [
    ["admin", "✓ ✓ ✓"],
    ["write", "– – –"],
    ["read",  "– – –"],
    ["none",  "– – –"],
  ];
  it.each(GRANT_TABLE.flatMap(([held, marks]) => marks.split(" ").map((m, i) => ({ held, role: PROJECT_ROLES[i], expected: m === "✓" }))))(
    "project.grant · project role $held grants $role → $expected",
    ({ held, role, expected }) => {
      const p = onProject("outsider", project("private", "private", held === "none" ? [] : [held]));
      expect(can(p, "project.grant", { role })).toBe(expected);
    },
  );
});

describe("a scoped access token narrows the person's rights, never widens them", () => {
  const withToken = (who: Who, token: TokenRestriction) => orgPrincipal({ ...CALLERS[who], orgVisibility: "private", token });

  it("read-only: reads stay, writes go, with the token named as the reason", () => {
    const p = withToken("owner", { readOnly: true, areas: "all" });
    expect(can(p, "org.view")).toBe(true);
    expect(can(p, "org.audit.view")).toBe(true);
    expect(can(p, "org.delete")).toBe(false);
    expect(() => authorize(p, "org.delete")).toThrow("This access token is read-only.");
  });

  it("limited to areas: only rules of those areas", () => {
    const p = withToken("admin", { readOnly: false, areas: ["projects"] });
    expect(can(p, "project.create")).toBe(true);
    expect(can(p, "invitation.create", { role: "member" })).toBe(false);
    expect(() => authorize(p, "invitation.create", { role: "member" })).toThrow("does not cover invitations");
    expect(can(projectPrincipal(p, facts("internal")), "project.admin")).toBe(true);
  });

  it("never widens: a token changes nothing the person could not do", () => {
    const p = withToken("member", { readOnly: false, areas: "all" });
    expect(can(p, "org.delete")).toBe(false);
    expect(() => authorize(p, "org.delete")).toThrow(ForbiddenError);
    expect(() => authorize(withToken("outsider", { readOnly: true, areas: "all" }), "org.view")).toThrow(NotFoundError);
  });

  it("every rule names an API area and a one-line description", () => {
    for (const [action, rule] of Object.entries(RULES)) {
      expect(API_AREAS, action).toContain(rule.area);
      expect(rule.describe.length, action).toBeGreaterThan(5);
    }
  });
});
