import type { ReactNode } from "react";
import { ROLE_LABELS, type OrgRole } from "@/lib/authz/roles";

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

const roleTones: Record<OrgRole, BadgeTone> = { owner: "indigo", admin: "green", member: "neutral", viewer: "amber" };

export function RoleBadge({ role }: { role: OrgRole }) {
  return <Badge tone={roleTones[role]}>{ROLE_LABELS.org[role]}</Badge>;
}
