/**
 * The role ladders and visibilities, highest first, with the words the UI shows for them. Pure
 * constants: client components import this file too.
 */
export const ORG_ROLES = ["owner", "admin", "member", "viewer"] as const;
export const PROJECT_ROLES = ["admin", "write", "read"] as const;
export const TEAM_ROLES = ["maintainer", "member"] as const;
export const ORG_VISIBILITIES = ["private", "public"] as const;
export const PROJECT_VISIBILITIES = ["private", "internal", "public"] as const;

export type OrgRole = (typeof ORG_ROLES)[number];
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export type TeamRole = (typeof TEAM_ROLES)[number];
export type OrgVisibility = (typeof ORG_VISIBILITIES)[number];
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];

/** Whether `held` is `needed` or above it on the ladder (null holds nothing). */
export function atLeast<R extends string>(ladder: readonly R[], held: R | null | undefined, needed: R): boolean {
  return held != null && ladder.indexOf(held) <= ladder.indexOf(needed);
}

/** The highest of the roles held (nulls ignored), or null. */
export function highest<R extends string>(ladder: readonly R[], held: Iterable<R | null | undefined>): R | null {
  let best: R | null = null;
  for (const role of held) if (role != null && (best === null || ladder.indexOf(role) < ladder.indexOf(best))) best = role;
  return best;
}

export const ROLE_LABELS = {
  org: { owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" },
  project: { admin: "Admin", write: "Write", read: "Read" },
  team: { maintainer: "Maintainer", member: "Member" },
} as const satisfies { org: Record<OrgRole, string>; project: Record<ProjectRole, string>; team: Record<TeamRole, string> };

export const VISIBILITY_LABELS = {
  org: { private: "Private", public: "Public" },
  project: { private: "Private", internal: "Internal", public: "Public" },
} as const satisfies { org: Record<OrgVisibility, string>; project: Record<ProjectVisibility, string> };
