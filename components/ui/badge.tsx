import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "indigo" | "green" | "amber" | "red";

const toneStyles: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  green: "bg-green-50 text-green-800 ring-green-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
};

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${toneStyles[tone]}`}
    >
      {children}
    </span>
  );
}

export type OrgRole = "owner" | "admin" | "member" | "viewer";

const roleBadges: Record<OrgRole, { tone: BadgeTone; label: string }> = {
  owner: { tone: "indigo", label: "Owner" },
  admin: { tone: "green", label: "Admin" },
  member: { tone: "neutral", label: "Member" },
  viewer: { tone: "amber", label: "Viewer" },
};

export function RoleBadge({ role }: { role: OrgRole }) {
  const { tone, label } = roleBadges[role];
  return <Badge tone={tone}>{label}</Badge>;
}
