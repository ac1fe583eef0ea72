/**
 * The permission table of DESIGN.md §3 as a pure function. Nothing here touches the database:
 * callers pass the facts (role, resource state) and get a yes or no.
 */
export const ORG_ROLES = ["owner", "admin", "member", "viewer"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const PROJECT_ROLES = ["admin", "write", "read"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export type ProjectVisibility = "private" | "internal" | "public";
export type OrgVisibility = "private" | "public";

/**
 * Who is asking, as seen from one organization. orgRole null: an outsider (signed in) or anonymous.
 * ssoRequired: a member whose sign-in does not satisfy the organization's SSO requirement; they count
 * as an outsider (orgRole null) until they sign in through its SSO.
 */
export type Principal = { signedIn: boolean; orgRole: OrgRole | null; ssoRequired?: boolean };

const PROJECT_RANK: Record<ProjectRole, number> = { admin: 3, write: 2, read: 1 };

type Everyone = Record<string, never>;
export type ProjectResource = {
  orgVisibility: OrgVisibility;
  visibility: ProjectVisibility;
  /** Roles granted to the principal on this project, directly and through teams. */
  grants: readonly ProjectRole[];
};

/** Each action with the resource facts its rule needs. */
export type Resources = {
  "org.view": Everyone;
  "org.settings.edit": Everyone;
  "org.delete": Everyone;
  "org.plan.change": Everyone;
  "org.auth.view": Everyone;
  "org.auth.edit": Everyone;
  "org.audit.view": Everyone;
  "org.leave": { isLastOwner: boolean };
  /** eligible: open join admits this person now (domain, verified address, settings; see lib/members/open-join). */
  "org.join": { eligible: boolean };
  "invitation.list": Everyone;
  "invitation.create": { role: OrgRole };
  "invitation.manage": { role: OrgRole };
  "member.role.change": { currentRole: OrgRole; newRole: OrgRole };
  "member.remove": { role: OrgRole };
  "team.create": Everyone;
  "project.create": Everyone;
  "registry.create": Everyone;
  "hub.create": Everyone;
  "team.delete": { isTeamMember: boolean };
  "project.delete": { hasGrant: boolean };
  "registry.delete": { isCreator: boolean };
  "hub.delete": { isCreator: boolean };
  "agents.manage": Everyone;
  "queues.manage": Everyone;
  "connections.manage": Everyone;
  "presets.manage": Everyone;
  "registry.promote": Everyone;
  "org.promote": Everyone;
  "project.read": ProjectResource;
  "project.write": ProjectResource;
  "project.admin": ProjectResource;
};
export type Action = keyof Resources;

const MEMBERS: readonly OrgRole[] = ORG_ROLES;
const OWNER: readonly OrgRole[] = ["owner"];
const MANAGERS: readonly OrgRole[] = ["owner", "admin"];

/** Actions decided by the org role alone. */
const BY_ROLE: Partial<Record<Action, readonly OrgRole[]>> = {
  "org.view": MEMBERS,
  "org.settings.edit": OWNER,
  "org.delete": OWNER,
  "org.plan.change": OWNER,
  "org.auth.view": MANAGERS,
  "org.auth.edit": OWNER,
  "org.audit.view": MANAGERS,
  // Not a row of DESIGN §3: seeing pending invitations goes with sending them.
  "invitation.list": MANAGERS,
  "team.create": MANAGERS,
  "project.create": MANAGERS,
  "registry.create": MANAGERS,
  "hub.create": MANAGERS,
  "agents.manage": MANAGERS,
  "queues.manage": MANAGERS,
  "connections.manage": MANAGERS,
  "presets.manage": MANAGERS,
  "registry.promote": MANAGERS,
  "org.promote": MANAGERS,
};

export function effectiveProjectRole(p: Principal, project: ProjectResource): ProjectRole | null {
  // Grants belong to people: anonymous has none. A member whose SSO is pending inherits nothing.
  const candidates: ProjectRole[] = p.signedIn ? [...project.grants] : [];
  const orgRole = p.ssoRequired ? null : p.orgRole;
  if (orgRole === "owner" || orgRole === "admin") candidates.push("admin");
  if (project.visibility !== "private") {
    if (orgRole === "member") candidates.push("write");
    if (orgRole === "viewer") candidates.push("read");
    if (project.visibility === "public" && project.orgVisibility === "public") candidates.push("read");
  }
  return candidates.reduce<ProjectRole | null>(
    (best, role) => (best === null || PROJECT_RANK[role] > PROJECT_RANK[best] ? role : best),
    null,
  );
}

const atLeast = (role: ProjectRole | null, needed: ProjectRole) =>
  role !== null && PROJECT_RANK[role] >= PROJECT_RANK[needed];

export function can<A extends Action>(p: Principal, action: A, resource: Resources[A]): boolean {
  // A member whose SSO is pending acts as an outsider, whatever role a caller copied into the principal.
  const role = p.signedIn && !p.ssoRequired ? p.orgRole : null;
  const allowed = BY_ROLE[action];
  if (allowed) return role !== null && allowed.includes(role);

  const r = resource as Resources[Action] & Record<string, unknown>;
  switch (action) {
    case "org.leave":
      return role !== null && !(role === "owner" && r.isLastOwner);
    case "org.join":
      return p.signedIn && role === null && r.eligible === true;
    case "invitation.create":
    case "invitation.manage":
    case "member.remove":
      // Owners act on any role; admins on everyone below owner.
      return role === "owner" || (role === "admin" && r.role !== "owner");
    case "member.role.change":
      return role === "owner" || (role === "admin" && r.currentRole !== "owner" && r.newRole !== "owner");
    case "team.delete":
      return role === "owner" || (role === "admin" && r.isTeamMember === true);
    case "project.delete":
      return role === "owner" || (role === "admin" && r.hasGrant === true);
    case "registry.delete":
    case "hub.delete":
      return role === "owner" || (role === "admin" && r.isCreator === true);
    case "project.read":
      return atLeast(effectiveProjectRole({ ...p, orgRole: role }, resource as ProjectResource), "read");
    case "project.write":
      return atLeast(effectiveProjectRole({ ...p, orgRole: role }, resource as ProjectResource), "write");
    case "project.admin":
      return atLeast(effectiveProjectRole({ ...p, orgRole: role }, resource as ProjectResource), "admin");
  }
  return false;
}

/** An organization's SSO requirement: whether it is on, and the sign-in methods that satisfy it. */
export type SsoPolicy = { required: boolean; methods: readonly string[] };

/**
 * Whether a member signed in with `method` may act in the organization. Owners are exempt (their
 * password is the break-glass way in); outsiders are not members, so the requirement is not theirs.
 */
export function ssoSatisfied(policy: SsoPolicy, role: OrgRole | null, method: string): boolean {
  return !policy.required || role === null || role === "owner" || policy.methods.includes(method);
}
