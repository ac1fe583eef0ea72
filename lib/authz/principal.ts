import { resolveProjectRole, type ProjectAccess, type ProjectFacts } from "./effective-role";
import { atLeast, PROJECT_ROLES, type OrgRole, type OrgVisibility, type ProjectRole, type ProjectVisibility, type TeamRole } from "./roles";

/** The parts of the API a personal access token may be limited to; every rule names its area. */
export const API_AREAS = ["account", "orgs", "members", "invitations", "teams", "projects", "runs", "registry", "hub", "agents", "storage", "audit", "auth-settings"] as const;
export type ApiArea = (typeof API_AREAS)[number];

/**
 * What a token allows: it narrows what the person may do, never widens it. runToken: a project's
 * run token, which acts only on the runs of that one project (rules marked runToken), with at most
 * write, and only while the person who created it still holds write there (creatorRole: their
 * organization role, read with the token).
 */
export type TokenRestriction = { readOnly: boolean; areas: readonly ApiArea[] | "all"; runToken?: { projectId: string; creatorRole: OrgRole | null } };

/** An organization's SSO requirement: whether it is on, and the sign-in methods that satisfy it. */
export type SsoPolicy = { required: boolean; methods: readonly string[] };

/**
 * Whether a member signed in with `method` may act in the organization. Owners are exempt (their
 * password is the break-glass way in); outsiders are not members, so the requirement is not theirs.
 */
export function ssoSatisfied(policy: SsoPolicy, role: OrgRole | null, method: string): boolean {
  return !policy.required || role === null || role === "owner" || policy.methods.includes(method);
}

/** Who is asking, before any organization: signed in or not, and through what kind of token. */
export type AccountPrincipal = { readonly signedIn: boolean; readonly token?: TokenRestriction };

/**
 * Who is asking, as seen from one organization. orgRole is the role that counts now: null for
 * outsiders, anonymous callers, and members whose SSO is pending (ssoPending) until they sign in
 * through the organization's SSO.
 */
export type OrgPrincipal = AccountPrincipal & { readonly orgRole: OrgRole | null; readonly ssoPending: boolean; readonly orgVisibility: OrgVisibility };

/** Someone looking at one project: their effective role there, with every source of it. */
export type ProjectPrincipal = OrgPrincipal & { readonly projectVisibility: ProjectVisibility; readonly projectRole: ProjectRole | null; readonly access: ProjectAccess };

/** Someone looking at one team: maintainer when they maintain it or manage every team (owners, admins). */
export type TeamPrincipal = OrgPrincipal & { readonly teamRole: TeamRole | null };

export const accountPrincipal = (caller: { signedIn: boolean; token?: TokenRestriction }): AccountPrincipal => ({ signedIn: caller.signedIn, token: caller.token });

/** The only way to build an OrgPrincipal: SSO-pending and anonymous callers are normalized here, once. */
export function orgPrincipal(input: {
  signedIn: boolean;
  membershipRole: OrgRole | null;
  orgVisibility: OrgVisibility;
  method?: string;
  sso?: SsoPolicy;
  token?: TokenRestriction;
}): OrgPrincipal {
  const role = input.signedIn ? input.membershipRole : null;
  const ssoPending = role !== null && input.sso !== undefined && !ssoSatisfied(input.sso, role, input.method ?? "password");
  return { signedIn: input.signedIn, token: input.token, orgRole: ssoPending ? null : role, ssoPending, orgVisibility: input.orgVisibility };
}

export function projectPrincipal(org: OrgPrincipal, project: ProjectFacts): ProjectPrincipal {
  const access = resolveProjectRole(org, project);
  return { ...org, projectVisibility: project.visibility, projectRole: access.role, access };
}

/**
 * A run token looking at one project: write on its own project while its creator (whose grants
 * `project.grants` are) still holds write there, nothing anywhere else. Its sources are the
 * creator's, so the access explainer says where the write comes from.
 */
export function runTokenPrincipal(org: OrgPrincipal, project: ProjectFacts & { id: string }): ProjectPrincipal {
  const token = org.token?.runToken;
  const creator = resolveProjectRole(orgPrincipal({ signedIn: true, membershipRole: token?.creatorRole ?? null, orgVisibility: org.orgVisibility }), project);
  const role: ProjectRole | null = token && project.id === token.projectId && atLeast(PROJECT_ROLES, creator.role, "write") ? "write" : null;
  const access: ProjectAccess = role ? { role, sources: creator.sources, winner: creator.winner } : { role: null, sources: [], winner: null };
  return { ...org, projectVisibility: project.visibility, projectRole: role, access };
}

export function teamPrincipal(org: OrgPrincipal, teamMembership: TeamRole | null): TeamPrincipal {
  const managesAll = org.orgRole === "owner" || org.orgRole === "admin";
  return { ...org, teamRole: managesAll ? "maintainer" : org.orgRole ? teamMembership : null };
}
