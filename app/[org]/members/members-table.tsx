"use client";

import type { ReactNode } from "react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import type { OrgRole } from "@/lib/authz/roles";
import type { FormAction } from "@/components/ui/form-state";
import { RoleSelectForm, RowActions, RowConfirmButton, RowValue } from "@/components/ui/row-actions";
import { DataTable } from "@/components/ui/table";

/**
 * One member, as little as the row needs. The page sends these instead of rendered rows: markup
 * rendered by a server component travels twice (as HTML and again in the RSC payload), a row's data
 * only once besides its HTML.
 */
export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: OrgRole;
  /** The viewer's own row: a "You" badge. */
  you?: true;
  /** A <RelativeTime>, rendered on the server (it reads the clock). */
  joined: ReactNode;
  via: string;
  /** Roles the viewer may choose for this member, decided on the server; absent: no role picker. */
  grantable?: OrgRole[];
  /** The viewer may remove this member (decided on the server). */
  removable?: true;
};

type MembersTableProps = {
  rows: MemberRow[];
  orgSlug: string;
  orgName: string;
  /** Whether the viewer manages members at all: the Manage column. */
  manages: boolean;
  changeRoleAction: FormAction;
  removeAction: FormAction;
  empty: ReactNode;
};

const COLUMNS = [
  { key: "name", header: "Member" },
  { key: "role", header: "Role" },
  { key: "joined", header: "Joined" },
  { key: "via", header: "Joined via" },
];

/** The members table and its controls: one role picker and Remove button per row, one confirm dialog for them all. */
export function MembersTable({ rows, orgSlug, orgName, manages, changeRoleAction, removeAction, empty }: MembersTableProps) {
  return (
    <RowActions
      fields={{ currentSlug: orgSlug }}
      confirm={{
        title: (
          <>
            Remove <RowValue name="name" />?
          </>
        ),
        description: (
          <>
            <b className="font-medium break-words text-slate-900">
              <RowValue name="email" />
            </b>{" "}
            loses access to {orgName} on their next request. Their team memberships and project grants here are removed, and invitations they sent that are still pending are
            revoked. An owner or admin can invite them again.
          </>
        ),
        confirmLabel: "Remove member",
        pendingLabel: "Removing…",
      }}
    >
      <DataTable
        caption="Members"
        columns={manages ? [...COLUMNS, { key: "manage", header: "Manage", className: "text-right" }] : COLUMNS}
        rows={rows.map((m) => ({
          key: m.id,
          cells: {
            name: (
              <span className="block whitespace-nowrap">
                <span className="flex items-center gap-2 font-medium text-slate-900">
                  {m.name}
                  {m.you && <Badge tone="neutral">You</Badge>}
                </span>
                <span className="block text-slate-600">{m.email}</span>
              </span>
            ),
            role: <RoleBadge role={m.role} />,
            joined: <span className="whitespace-nowrap">{m.joined}</span>,
            via: <span className="whitespace-nowrap">{m.via}</span>,
            manage: (m.grantable || m.removable) && (
              <div className="flex items-center justify-end gap-2">
                {m.grantable && <RoleSelectForm action={changeRoleAction} fields={{ userId: m.id }} currentRole={m.role} roles={m.grantable} subject={m.name} />}
                {m.removable && <RowConfirmButton action={removeAction} fields={{ userId: m.id }} values={{ name: m.name, email: m.email }} label="Remove" srLabel={m.name} />}
              </div>
            ),
          },
        }))}
        empty={empty}
      />
    </RowActions>
  );
}
