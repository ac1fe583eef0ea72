"use client";

import { Badge, RoleBadge } from "@/components/ui/badge";
import type { FormAction } from "@/components/ui/form-state";
import { RowActions, RowButtonForm, RowConfirmButton, RowValue } from "@/components/ui/row-actions";
import { ROLE_LABELS, type OrgRole, type TeamRole } from "@/lib/authz/roles";

export type TeamMemberRow = {
  id: string;
  name: string;
  email: string;
  teamRole: TeamRole;
  orgRole: OrgRole;
  you?: true;
  /** Decided on the server: the viewer may change this member's team role / take them off the team. */
  manageable?: true;
  removable?: true;
};

type TeamMembersProps = {
  rows: TeamMemberRow[];
  orgSlug: string;
  teamSlug: string;
  teamName: string;
  changeRoleAction: FormAction;
  removeAction: FormAction;
};

/** The team's members as stacked rows: name, team role, organization role, and the viewer's controls. */
export function TeamMembers({ rows, orgSlug, teamSlug, teamName, changeRoleAction, removeAction }: TeamMembersProps) {
  return (
    <RowActions
      fields={{ currentSlug: orgSlug, teamSlug }}
      confirm={{
        title: (
          <>
            Take <RowValue name="name" /> off {teamName}?
          </>
        ),
        description: (
          <>
            <b className="font-medium break-words text-slate-900">
              <RowValue name="email" />
            </b>{" "}
            loses the project access this team gives, on their next request. They stay in the organization, and a maintainer can add them again.
          </>
        ),
        confirmLabel: "Remove from team",
        pendingLabel: "Removing…",
      }}
    >
      <ul aria-label={`Members of ${teamName}`} className="divide-y divide-slate-200">
        {rows.map((m) => {
          const other: TeamRole = m.teamRole === "maintainer" ? "member" : "maintainer";
          return (
            <li key={m.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium break-words text-slate-900">
                  {m.name}
                  {m.you && <Badge tone="neutral">You</Badge>}
                </p>
                <p className="text-sm break-all text-slate-600">{m.email}</p>
              </div>
              <dl className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
                <dt className="sr-only">Team role</dt>
                <dd>
                  <Badge tone={m.teamRole === "maintainer" ? "indigo" : "neutral"}>{ROLE_LABELS.team[m.teamRole]}</Badge>
                </dd>
                <dt>In the organization:</dt>
                <dd>
                  <RoleBadge role={m.orgRole} />
                </dd>
              </dl>
              {(m.manageable || m.removable) && (
                <div className="flex flex-wrap gap-2">
                  {m.manageable && (
                    <RowButtonForm
                      action={changeRoleAction}
                      fields={{ userId: m.id, role: other }}
                      label={other === "maintainer" ? "Make maintainer" : "Make member"}
                      srLabel={m.name}
                      pendingLabel="Saving…"
                    />
                  )}
                  {m.removable && <RowConfirmButton action={removeAction} fields={{ userId: m.id }} values={{ name: m.name, email: m.email }} label={m.you ? "Leave team" : "Remove"} srLabel={m.you ? undefined : m.name} />}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </RowActions>
  );
}
