import { ROLE_LABELS, type RoleSource } from "@/lib/authz";

/** The kinds of source, as the access tab's filter names them. */
export const SOURCE_KIND_LABELS: Record<RoleSource["via"], string> = {
  org: "Organization role",
  direct: "Direct access",
  team: "Through a team",
  public: "Public project",
};

/** One source of someone's project role, in words: "Admin of the organization", "Team Vision (inside ML)". */
export function describeSource(source: RoleSource): string {
  switch (source.via) {
    case "org":
      return `${ROLE_LABELS.org[source.orgRole]} of the organization`;
    case "direct":
      return "Given to them directly";
    case "team":
      return source.path.length > 1 ? `Team ${source.team.name}, through ${source.path.slice(1).join(" → ")}` : `Team ${source.team.name}`;
    case "public":
      return "Public project of a public organization";
  }
}
