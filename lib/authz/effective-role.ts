import type { OrgPrincipal } from "./principal";
import { highest, PROJECT_ROLES, type OrgRole, type OrgVisibility, type ProjectRole, type ProjectVisibility } from "./roles";

/**
 * A grant that reaches the person: direct (team null) or through a team they are on. path is the
 * chain of team names from the granted team down to the team the person is on (one name when they
 * are on the granted team itself; longer when they receive a parent team's grant).
 */
export type ProjectGrantFact = { role: ProjectRole; team: null | { id: string; slug: string; name: string; path: readonly string[] } };

export type ProjectFacts = { visibility: ProjectVisibility; grants: readonly ProjectGrantFact[] };

export type RoleSource =
  | { via: "org"; role: ProjectRole; orgRole: OrgRole }
  | { via: "direct"; role: ProjectRole }
  | { via: "team"; role: ProjectRole; team: { id: string; slug: string; name: string }; path: readonly string[] }
  | { via: "public"; role: "read" };

/** The effective role, every source of it (the access explainer shows exactly these), and the winner. */
export type ProjectAccess = { role: ProjectRole | null; sources: RoleSource[]; winner: RoleSource | null };

/** A public project of a private organization counts as internal: never readable by anonymous visitors. */
export const effectiveVisibility = (org: OrgVisibility, project: ProjectVisibility): ProjectVisibility =>
  project === "public" && org === "private" ? "internal" : project;

/** The role the organization role carries onto a project of this visibility (DESIGN §3). */
export function inheritedRole(orgRole: OrgRole | null, visibility: ProjectVisibility): ProjectRole | null {
  if (orgRole === "owner" || orgRole === "admin") return "admin";
  if (visibility === "private") return null;
  return orgRole === "member" ? "write" : orgRole === "viewer" ? "read" : null;
}

/**
 * The effective project role: the highest of the inherited role, direct grants, team grants
 * (parent teams included) and public read. A grant only adds: it never lowers what is inherited.
 * Grants belong to signed-in people whose sign-in counts for the organization (not SSO-pending).
 * lib/authz/visible.ts says the same in SQL; a test holds the two to the same answers.
 */
export function resolveProjectRole(org: OrgPrincipal, project: ProjectFacts): ProjectAccess {
  const sources: RoleSource[] = [];
  const visibility = effectiveVisibility(org.orgVisibility, project.visibility);
  const inherited = inheritedRole(org.orgRole, visibility);
  if (inherited && org.orgRole) sources.push({ via: "org", role: inherited, orgRole: org.orgRole });
  if (org.signedIn && !org.ssoPending) {
    for (const grant of project.grants) {
      sources.push(grant.team ? { via: "team", role: grant.role, team: { id: grant.team.id, slug: grant.team.slug, name: grant.team.name }, path: grant.team.path } : { via: "direct", role: grant.role });
    }
  }
  if (visibility === "public") sources.push({ via: "public", role: "read" });
  const role = highest(PROJECT_ROLES, sources.map((s) => s.role));
  return { role, sources, winner: sources.find((s) => s.role === role) ?? null };
}
