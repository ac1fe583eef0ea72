import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ROLE_LABELS, VISIBILITY_LABELS, type OrgVisibility, type ProjectRole, type ProjectVisibility } from "@/lib/authz/roles";

const VISIBILITY_TONES: Record<ProjectVisibility, BadgeTone> = { private: "amber", internal: "neutral", public: "green" };

/**
 * The project's visibility; a public project of a private organization says that it counts as
 * internal (DESIGN §3: org visibility caps project visibility).
 */
export function VisibilityBadge({ visibility, orgVisibility }: { visibility: ProjectVisibility; orgVisibility: OrgVisibility }) {
  if (visibility === "public" && orgVisibility === "private") return <Badge tone="neutral">Public, counts as internal</Badge>;
  return <Badge tone={VISIBILITY_TONES[visibility]}>{VISIBILITY_LABELS.project[visibility]}</Badge>;
}

export function ProjectRoleBadge({ role }: { role: ProjectRole | null }) {
  if (!role) return <Badge tone="neutral">No access</Badge>;
  return <Badge tone={role === "admin" ? "indigo" : role === "write" ? "green" : "neutral"}>{ROLE_LABELS.project[role]}</Badge>;
}
