import type { AccountPrincipal, ApiArea, OrgPrincipal, ProjectPrincipal, TeamPrincipal } from "./principal";
import { atLeast, PROJECT_ROLES, type OrgRole, type ProjectRole, type TeamRole } from "./roles";

export type Scope = "account" | "org" | "project" | "team";
export type PrincipalFor = { account: AccountPrincipal; org: OrgPrincipal; project: ProjectPrincipal; team: TeamPrincipal };
/** The lowest rung of the scope's ladder that may act; decidable before any input is parsed. */
export type FloorFor = { account: "signed-in"; org: OrgRole | "signed-in"; project: ProjectRole; team: TeamRole };

/**
 * One action: its scope, its floor, an optional condition on facts about the target, and the
 * words that describe it (role tables, OpenAPI). area, reads and runToken are what a scoped token
 * is checked against. refusal says why, when the floor is met but the condition is not, for refusals
 * the person should understand (otherwise the generic 403/404 applies).
 */
export type Rule<S extends Scope, F> = {
  scope: S;
  area: ApiArea;
  reads?: true;
  /** A project's run token may do this (on its own project); it may do nothing else. */
  runToken?: true;
  floor: FloorFor[S];
  describe: string;
  when?: (p: PrincipalFor[S], facts: F) => boolean;
  refusal?: (facts: F) => string | null;
};
const rule = <S extends Scope, F = void>(r: Rule<S, F>) => r;

/** Why open join does not admit someone right now ("unclaimed": the organization does not claim their domain). */
export type JoinRefusal = "off" | "member" | "removed" | "invited" | "unverified" | "sso";
export const JOIN_REFUSALS: Record<Exclude<JoinRefusal, "member">, string> = {
  off: "This organization does not take members without an invitation. Ask an owner to invite you.",
  removed: "You were removed from this organization. Ask an owner to invite you again.",
  invited: "You have a pending invitation to this organization: accept it to join.",
  unverified: "Verify your email address first: open the link we sent you.",
  sso: "This organization requires single sign-on: sign in through its SSO to join.",
};

/** A model alias being moved: protected ones move for owners, admins and members of its team. */
export type AliasFacts = { alias: string; protected: boolean; teamName: string | null; inTeam: boolean };

/** Owners act on any role; admins on everyone below owner. */
const ownerOrBelowOwner = (p: OrgPrincipal, target: OrgRole) => p.orgRole === "owner" || target !== "owner";
/** Owners delete anything; admins only what they belong to. */
const ownerOrAdminWith = (p: OrgPrincipal, belongs: boolean) => p.orgRole === "owner" || belongs;

// The last-owner rule is not here on purpose: it is an invariant of the data (a 409 decided under a
// lock in lib/members), not a permission of the person asking.
export const RULES = {
  "org.view": rule({ scope: "org", area: "orgs", reads: true, floor: "viewer", describe: "See the organization, its members and teams" }),
  "org.settings.edit": rule({ scope: "org", area: "orgs", floor: "owner", describe: "Edit the name, slug, description, visibility and project default" }),
  "org.delete": rule({ scope: "org", area: "orgs", floor: "owner", describe: "Delete the organization" }),
  "org.plan.change": rule({ scope: "org", area: "orgs", floor: "owner", describe: "Change the plan or storage tier" }),
  "org.auth.view": rule({ scope: "org", area: "auth-settings", reads: true, floor: "admin", describe: "See how people sign in and join" }),
  "org.auth.edit": rule({ scope: "org", area: "auth-settings", floor: "owner", describe: "Change how people sign in and join" }),
  "org.audit.view": rule({ scope: "org", area: "audit", reads: true, floor: "admin", describe: "Read the audit log" }),
  "org.leave": rule({
    scope: "org",
    area: "members",
    floor: "viewer",
    describe: "Leave the organization (not its last owner)",
    when: (p, f: { isLastOwner: boolean }) => !(p.orgRole === "owner" && f.isLastOwner),
  }),
  "org.join": rule({
    scope: "org",
    area: "members",
    floor: "signed-in",
    describe: "Join by open join, when the organization admits your verified address",
    when: (p, f: { refusal: JoinRefusal | "unclaimed" | null }) => p.orgRole === null && !p.ssoPending && f.refusal === null,
    refusal: (f) => (f.refusal && f.refusal !== "unclaimed" && f.refusal !== "member" ? JOIN_REFUSALS[f.refusal] : null),
  }),
  // Not a row of DESIGN §3: seeing pending invitations goes with sending them.
  "invitation.list": rule({ scope: "org", area: "invitations", reads: true, floor: "admin", describe: "See pending invitations" }),
  "invitation.create": rule({
    scope: "org",
    area: "invitations",
    floor: "admin",
    describe: "Invite people (admins: not as owners)",
    when: (p, f: { role: OrgRole }) => ownerOrBelowOwner(p, f.role),
  }),
  "invitation.manage": rule({
    scope: "org",
    area: "invitations",
    floor: "admin",
    describe: "Resend, revoke or change an invitation (admins: not owner invitations)",
    when: (p, f: { role: OrgRole }) => ownerOrBelowOwner(p, f.role),
  }),
  "invitation.accept": rule({
    scope: "account",
    area: "invitations",
    floor: "signed-in",
    describe: "Accept or decline an invitation sent to your verified address",
    when: (_p, f: { invitedEmail: string; viewerEmail: string; emailTrusted: boolean }) => f.invitedEmail.toLowerCase() === f.viewerEmail && f.emailTrusted,
    refusal: (f) =>
      f.invitedEmail.toLowerCase() !== f.viewerEmail
        ? `This invitation is for ${f.invitedEmail}, and you are signed in as ${f.viewerEmail}.`
        : "Verify your email address first: we sent you a link.",
  }),
  "member.activity.view": rule({ scope: "org", area: "members", reads: true, floor: "admin", describe: "See when members were last active and how they sign in" }),
  "member.role.change": rule({
    scope: "org",
    area: "members",
    floor: "admin",
    describe: "Change a member's role (admins: not owners, never to owner)",
    when: (p, f: { currentRole: OrgRole; newRole: OrgRole }) => p.orgRole === "owner" || (f.currentRole !== "owner" && f.newRole !== "owner"),
  }),
  "member.remove": rule({
    scope: "org",
    area: "members",
    floor: "admin",
    describe: "Remove a member (admins: not owners)",
    when: (p, f: { role: OrgRole }) => ownerOrBelowOwner(p, f.role),
  }),
  "team.create": rule({ scope: "org", area: "teams", floor: "admin", describe: "Create teams" }),
  "team.delete": rule({
    scope: "org",
    area: "teams",
    floor: "admin",
    describe: "Delete a team (admins: only teams they are on)",
    when: (p, f: { isTeamMember: boolean }) => ownerOrAdminWith(p, f.isTeamMember),
  }),
  "team.update": rule({ scope: "team", area: "teams", floor: "maintainer", describe: "Edit the team's name, description and parent" }),
  "team.members.manage": rule({ scope: "team", area: "teams", floor: "maintainer", describe: "Add and remove team members and maintainers" }),
  "project.create": rule({ scope: "org", area: "projects", floor: "admin", describe: "Create projects" }),
  "project.delete": rule({
    scope: "org",
    area: "projects",
    floor: "admin",
    describe: "Delete a project (admins: only projects they hold a grant on)",
    when: (p, f: { hasGrant: boolean }) => ownerOrAdminWith(p, f.hasGrant),
  }),
  "project.read": rule({ scope: "project", area: "projects", reads: true, floor: "read", describe: "View the project and its runs" }),
  "project.write": rule({ scope: "project", area: "runs", floor: "write", describe: "Create, stop, tag and log runs" }),
  "project.admin": rule({ scope: "project", area: "projects", floor: "admin", describe: "Edit the project, its visibility and who has access; archive it" }),
  "project.grant": rule({
    scope: "project",
    area: "projects",
    floor: "admin",
    describe: "Grant access to the project, up to your own role",
    when: (p, f: { role: ProjectRole }) => atLeast(PROJECT_ROLES, p.projectRole, f.role),
  }),
  // Runs (issue 10 §1): project read views them, write acts on them, project admins delete anyone's and purge.
  "run.view": rule({ scope: "project", area: "runs", reads: true, runToken: true, floor: "read", describe: "View runs, their artifacts, lineage and history" }),
  "run.create": rule({ scope: "project", area: "runs", runToken: true, floor: "write", describe: "Create runs" }),
  "run.update": rule({ scope: "project", area: "runs", runToken: true, floor: "write", describe: "Set a run's status, outputs, artifacts, lineage, name and description" }),
  "run.stop": rule({ scope: "project", area: "runs", floor: "write", describe: "Ask a run to stop" }),
  "run.tag": rule({ scope: "project", area: "runs", floor: "write", describe: "Tag and untag runs" }),
  "run.archive": rule({ scope: "project", area: "runs", floor: "write", describe: "Archive and unarchive runs" }),
  "run.delete.own": rule({ scope: "project", area: "runs", floor: "write", describe: "Delete and restore runs you created" }),
  "run.delete.any": rule({ scope: "project", area: "runs", floor: "admin", describe: "Delete and restore anyone's runs" }),
  "run.purge": rule({ scope: "project", area: "runs", floor: "admin", describe: "Purge deleted runs for good, with their artifacts" }),
  "run.token.manage": rule({ scope: "project", area: "runs", floor: "write", describe: "Create, list and revoke the project's run tokens" }),
  "registry.create": rule({ scope: "org", area: "registry", floor: "admin", describe: "Create registry models" }),
  "hub.create": rule({ scope: "org", area: "hub", floor: "admin", describe: "Create hub components" }),
  "registry.delete": rule({
    scope: "org",
    area: "registry",
    floor: "admin",
    describe: "Delete a registry model (admins: only their own)",
    when: (p, f: { isCreator: boolean }) => ownerOrAdminWith(p, f.isCreator),
  }),
  "hub.delete": rule({
    scope: "org",
    area: "hub",
    floor: "admin",
    describe: "Delete a hub component (admins: only their own)",
    when: (p, f: { isCreator: boolean }) => ownerOrAdminWith(p, f.isCreator),
  }),
  "agents.manage": rule({ scope: "org", area: "agents", floor: "admin", describe: "Manage agents" }),
  "queues.manage": rule({ scope: "org", area: "agents", floor: "admin", describe: "Manage queues" }),
  "connections.manage": rule({ scope: "org", area: "agents", floor: "admin", describe: "Manage connections" }),
  "presets.manage": rule({ scope: "org", area: "agents", floor: "admin", describe: "Manage presets" }),
  "registry.promote": rule({ scope: "org", area: "registry", floor: "admin", describe: "Promote a run to the model registry" }),
  "org.promote": rule({ scope: "org", area: "orgs", floor: "admin", describe: "Promote searches and dashboards to the organization" }),
  // Component hub and model registry (issue 10).
  "hub.view": rule({ scope: "org", area: "hub", reads: true, floor: "viewer", describe: "See hub components, their versions, tags and history" }),
  "hub.version.push": rule({ scope: "org", area: "hub", floor: "admin", describe: "Upload a component version" }),
  "hub.tag.move": rule({ scope: "org", area: "hub", floor: "admin", describe: "Move or remove component tags" }),
  "registry.view": rule({ scope: "org", area: "registry", reads: true, floor: "viewer", describe: "See registry models, versions, aliases and their history" }),
  "registry.alias.move": rule({
    scope: "org",
    area: "registry",
    floor: "member",
    describe: "Move or remove model aliases (protected ones: owners, admins and the alias's team)",
    when: (p, f: AliasFacts) => !f.protected || p.orgRole === "owner" || p.orgRole === "admin" || f.inTeam,
    refusal: (f) => (f.protected ? `@${f.alias} is protected: only owners${f.teamName ? `, admins and members of ${f.teamName}` : " and admins"} may move it.` : null),
  }),
  "registry.alias.protect": rule({ scope: "org", area: "registry", floor: "admin", describe: "Protect a model alias, or lift its protection" }),
  "storage.view": rule({ scope: "org", area: "storage", reads: true, floor: "viewer", describe: "See storage usage against the tier" }),
  "storage.warnings": rule({ scope: "org", area: "storage", reads: true, floor: "admin", describe: "Be warned when storage passes 80 % of the tier" }),
} as const;

export type Action = keyof typeof RULES;
type RuleOf<A extends Action> = (typeof RULES)[A];
export type ScopeOf<A extends Action> = RuleOf<A>["scope"];
export type FactsOf<A extends Action> = RuleOf<A> extends { when?: (p: never, facts: infer F) => boolean } ? F : never;
export type PrincipalOf<A extends Action> = PrincipalFor[ScopeOf<A>];
/** The facts argument of can() and authorize(): none for actions decided by the floor alone. */
export type FactsArg<A extends Action> = [FactsOf<A>] extends [void] ? [] : [facts: FactsOf<A>];
