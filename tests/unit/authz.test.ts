/**
 * DESIGN.md §3 as literal tables. Every expectation below is written out by hand from the design
 * document, not computed from the policy, so a change to lib/authz/policy.ts that disagrees with
 * the design makes a row fail.
 */
import { describe, expect, it } from "vitest";
import {
  authorize,
  can,
  effectiveProjectRole,
  ssoSatisfied,
  type Action,
  type OrgScope,
  type OrgVisibility,
  type Principal,
  type ProjectResource,
  type ProjectRole,
  type ProjectVisibility,
  type Resources,
  type SsoPolicy,
} from "@/lib/authz";
import { ForbiddenError, NotFoundError, SsoRequiredError, UnauthenticatedError } from "@/lib/errors";

const PRINCIPALS = {
  owner: { signedIn: true, orgRole: "owner" },
  admin: { signedIn: true, orgRole: "admin" },
  member: { signedIn: true, orgRole: "member" },
  viewer: { signedIn: true, orgRole: "viewer" },
  outsider: { signedIn: true, orgRole: null },
  anonymous: { signedIn: false, orgRole: null },
} as const satisfies Record<string, Principal>;
type Who = keyof typeof PRINCIPALS;
const COLUMNS = Object.keys(PRINCIPALS) as Who[];

/** "✓ ✓ – – – –" → one boolean per column: owner admin member viewer outsider anonymous. */
function columns(row: string): boolean[] {
  const marks = row.trim().split(/\s+/);
  if (marks.length !== COLUMNS.length || marks.some((m) => m !== "✓" && m !== "–")) throw new Error(`bad row: ${row}`);
  return marks.map((m) => m === "✓");
}

type OrgAction = Exclude<Action, "project.read" | "project.write" | "project.admin">;

/** Every organization action; the type checker complains when the policy gains one not listed here. */
const ORG_ACTIONS = {
  "org.view": 1, "org.settings.edit": 1, "org.delete": 1, "org.plan.change": 1, "org.auth.view": 1, "org.auth.edit": 1,
  "org.audit.view": 1, "org.leave": 1, "org.join": 1, "invitation.list": 1, "invitation.create": 1, "invitation.manage": 1, "member.role.change": 1,
  "member.remove": 1, "team.create": 1, "project.create": 1, "registry.create": 1, "hub.create": 1, "team.delete": 1,
  "project.delete": 1, "registry.delete": 1, "hub.delete": 1, "agents.manage": 1, "queues.manage": 1,
  "connections.manage": 1, "presets.manage": 1, "registry.promote": 1, "org.promote": 1,
} satisfies Record<OrgAction, 1>;

type Row = { action: OrgAction; resource: object; marks: string };
const row = <A extends OrgAction>(action: A, resource: Resources[A], marks: string): Row => ({ action, resource, marks });

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
  row("org.join",           { eligible: true },                            "–     –     –      –      ✓        –"),
  row("org.join",           { eligible: false },                           "–     –     –      –      –        –"),
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
];

const orgCases = ORG_TABLE.flatMap(({ action, resource, marks }) =>
  columns(marks).map((expected, i) => ({ action, resource, who: COLUMNS[i], expected })),
);

describe("can(): organization actions (DESIGN §3 table)", () => {
  it("has rows for every organization action and every resource state", () => {
    expect(new Set(ORG_TABLE.map((r) => r.action))).toEqual(new Set(Object.keys(ORG_ACTIONS)));
    // 18 role-only actions, org.leave ×2, org.join ×2, invitations 2×4, role change 4×4, remove ×4, deletes 4×2.
    expect(ORG_TABLE).toHaveLength(18 + 2 + 2 + 8 + 16 + 4 + 8);
  });

  it.each(orgCases)("$who · $action $resource → $expected", ({ who, action, resource, expected }) => {
    expect(can(PRINCIPALS[who], action, resource as never)).toBe(expected);
  });

  it("treats an anonymous principal as having no role, whatever role it carries", () => {
    const forged = { signedIn: false, orgRole: "owner" } as const;
    expect(can(forged, "org.view", {})).toBe(false);
    expect(can(forged, "org.delete", {})).toBe(false);
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
      const project: ProjectResource = { orgVisibility, visibility, grants };
      const p = PRINCIPALS[who];
      expect(effectiveProjectRole(p, project) ?? "none").toBe(expected);
      expect({
        read: can(p, "project.read", project),
        write: can(p, "project.write", project),
        admin: can(p, "project.admin", project),
      }).toEqual(ALLOWS[expected]);
    },
  );

  it("takes the highest of several grants (direct and through teams)", () => {
    const project: ProjectResource = { orgVisibility: "private", visibility: "private", grants: ["read", "admin", "write"] };
    expect(effectiveProjectRole(PRINCIPALS.outsider, project)).toBe("admin");
    expect(effectiveProjectRole(PRINCIPALS.member, { ...project, grants: ["read", "read"] })).toBe("read");
  });

  it("spells out the cases DESIGN §3 calls out", () => {
    const on = (orgVisibility: OrgVisibility, visibility: ProjectVisibility, grants: ProjectRole[] = []) => ({ orgVisibility, visibility, grants });
    // viewer on an internal project reads
    expect(can(PRINCIPALS.viewer, "project.read", on("private", "internal"))).toBe(true);
    expect(can(PRINCIPALS.viewer, "project.write", on("private", "internal"))).toBe(false);
    // member on a private project gets nothing unless granted
    expect(can(PRINCIPALS.member, "project.read", on("private", "private"))).toBe(false);
    expect(can(PRINCIPALS.member, "project.read", on("private", "private", ["read"]))).toBe(true);
    // a read grant never lowers a member's inherited write
    expect(can(PRINCIPALS.member, "project.write", on("private", "internal", ["read"]))).toBe(true);
    // anonymous reads only public projects of public orgs, and never writes
    expect(can(PRINCIPALS.anonymous, "project.read", on("public", "public"))).toBe(true);
    expect(can(PRINCIPALS.anonymous, "project.write", on("public", "public"))).toBe(false);
    expect(can(PRINCIPALS.anonymous, "project.read", on("private", "public"))).toBe(false);
    // an outsider with a grant gets exactly the grant
    expect(effectiveProjectRole(PRINCIPALS.outsider, on("private", "private", ["write"]))).toBe("write");
    expect(can(PRINCIPALS.outsider, "project.admin", on("private", "private", ["write"]))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// authorize()
// ---------------------------------------------------------------------------------------------

const scope = (who: Who, orgVisibility: OrgVisibility = "private"): OrgScope => ({ principal: PRINCIPALS[who], orgVisibility });
const project = (orgVisibility: OrgVisibility, visibility: ProjectVisibility, grants: ProjectRole[] = []): ProjectResource => ({ orgVisibility, visibility, grants });

describe("authorize()", () => {
  it("returns quietly when the action is allowed", () => {
    expect(() => authorize(scope("owner"), "org.delete", {})).not.toThrow();
    expect(() => authorize(scope("admin"), "invitation.create", { role: "viewer" })).not.toThrow();
    expect(() => authorize(scope("outsider"), "project.read", project("private", "private", ["read"]))).not.toThrow();
    expect(() => authorize(scope("anonymous", "public"), "project.read", project("public", "public"))).not.toThrow();
  });

  it("hides a private organization from outsiders (NotFound) but not a public one (Forbidden)", () => {
    expect(() => authorize(scope("outsider", "private"), "org.view", {})).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "private"), "org.delete", {})).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "public"), "org.view", {})).toThrow(ForbiddenError);
    expect(() => authorize(scope("outsider", "public"), "org.audit.view", {})).toThrow(ForbiddenError);
  });

  it("answers Forbidden to members who may see the org but not do the action", () => {
    expect(() => authorize(scope("member"), "org.delete", {})).toThrow(ForbiddenError);
    expect(() => authorize(scope("admin"), "org.settings.edit", {})).toThrow(ForbiddenError);
    expect(() => authorize(scope("admin"), "member.role.change", { currentRole: "member", newRole: "owner" })).toThrow(ForbiddenError);
    expect(() => authorize(scope("viewer"), "org.audit.view", {})).toThrow(ForbiddenError);
    expect(() => authorize(scope("owner"), "org.leave", { isLastOwner: true })).toThrow(ForbiddenError);
  });

  it("answers Unauthenticated to anonymous callers of organization actions", () => {
    expect(() => authorize(scope("anonymous", "private"), "org.view", {})).toThrow(UnauthenticatedError);
    expect(() => authorize(scope("anonymous", "public"), "org.view", {})).toThrow(UnauthenticatedError);
    expect(() => authorize(scope("anonymous", "public"), "org.delete", {})).toThrow(UnauthenticatedError);
  });

  it("answers NotFound for project actions on a project the caller cannot read", () => {
    expect(() => authorize(scope("member"), "project.read", project("private", "private"))).toThrow(NotFoundError);
    expect(() => authorize(scope("member"), "project.admin", project("private", "private"))).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "public"), "project.read", project("public", "internal"))).toThrow(NotFoundError);
    expect(() => authorize(scope("outsider", "private"), "project.write", project("private", "public"))).toThrow(NotFoundError);
  });

  it("answers Forbidden for project actions on a project the caller can read", () => {
    expect(() => authorize(scope("viewer"), "project.write", project("private", "internal"))).toThrow(ForbiddenError);
    expect(() => authorize(scope("member"), "project.admin", project("private", "internal"))).toThrow(ForbiddenError);
    expect(() => authorize(scope("outsider", "public"), "project.write", project("public", "public"))).toThrow(ForbiddenError);
    expect(() => authorize(scope("outsider"), "project.admin", project("private", "private", ["write"]))).toThrow(ForbiddenError);
  });

  it("answers Unauthenticated to anonymous callers of project actions they cannot read", () => {
    expect(() => authorize(scope("anonymous", "private"), "project.read", project("private", "public"))).toThrow(UnauthenticatedError);
    expect(() => authorize(scope("anonymous", "public"), "project.read", project("public", "internal"))).toThrow(UnauthenticatedError);
  });

  it("answers Unauthenticated to anonymous callers writing to a public project they can read", () => {
    expect(() => authorize(scope("anonymous", "public"), "project.write", project("public", "public"))).toThrow(UnauthenticatedError);
  });

  it("answers Forbidden/NotFound for project.create and project.delete by the organization rule", () => {
    expect(() => authorize(scope("member"), "project.create", {})).toThrow(ForbiddenError);
    expect(() => authorize(scope("admin"), "project.delete", { hasGrant: false })).toThrow(ForbiddenError);
    expect(() => authorize(scope("outsider", "private"), "project.delete", { hasGrant: true })).toThrow(NotFoundError);
    expect(() => authorize(scope("anonymous"), "project.create", {})).toThrow(UnauthenticatedError);
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

  it("counts a principal whose SSO is pending as an outsider, even with a role copied in", () => {
    const pending = { signedIn: true, orgRole: "owner", ssoRequired: true } as const;
    expect(can(pending, "org.view", {})).toBe(false);
    expect(can(pending, "member.remove", { role: "viewer" })).toBe(false);
    expect(can(pending, "org.leave", { isLastOwner: false })).toBe(false);
    expect(effectiveProjectRole(pending, { orgVisibility: "private", visibility: "internal", grants: [] })).toBeNull();
  });

  it("refuses a member whose SSO is pending with SsoRequired, not NotFound or Forbidden", () => {
    const pending: OrgScope = { principal: { signedIn: true, orgRole: null, ssoRequired: true }, orgVisibility: "private" };
    expect(() => authorize(pending, "org.view", {})).toThrow(SsoRequiredError);
    expect(() => authorize({ ...pending, orgVisibility: "public" }, "org.audit.view", {})).toThrow(SsoRequiredError);
    expect(() => authorize(pending, "project.read", project("private", "internal"))).toThrow(SsoRequiredError);
    // What anyone may do stays allowed: a public project of a public organization.
    expect(() => authorize({ ...pending, orgVisibility: "public" }, "project.read", project("public", "public"))).not.toThrow();
  });
});
