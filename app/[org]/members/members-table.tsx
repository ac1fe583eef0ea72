"use client";

import { useState, type ReactNode } from "react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import type { OrgRole } from "@/lib/authz/roles";
import type { FormAction } from "@/components/ui/form-state";
import { RoleSelectForm, RowActions, RowConfirmButton, RowValue, type RoleChangeConfirm } from "@/components/ui/row-actions";
import { DataTable } from "@/components/ui/table";
import { BulkBar, type BulkAction } from "./bulk-bar";

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
  /** <RelativeTime>s, rendered on the server (they read the clock); lastActive is null for someone never signed in. */
  joined: ReactNode;
  lastActive: ReactNode | null;
  via: string;
  /** "Password", "SSO · GitHub"…; null when they never signed in. */
  signIn: string | null;
  /** Roles the viewer may choose for this member, decided on the server; absent: no role picker. */
  grantable?: OrgRole[];
  /** The viewer may remove this member (decided on the server). */
  removable?: true;
};

type MembersTableProps = {
  rows: MemberRow[];
  orgSlug: string;
  orgName: string;
  /** Whether the viewer manages members at all: the Manage column and the checkboxes. */
  manages: boolean;
  /** Whether the viewer may see members' activity: the Last active and Signs in with columns. */
  showsActivity: boolean;
  /** The roles the viewer may give in bulk (each person is still checked on its own). */
  bulkRoles: OrgRole[];
  changeRoleAction: FormAction;
  removeAction: FormAction;
  bulkAction: BulkAction;
  empty: ReactNode;
};

const COLUMNS = [
  { key: "name", header: "Member", cardLabel: false },
  { key: "role", header: "Role" },
  { key: "lastActive", header: "Last active", activity: true },
  { key: "signIn", header: "Signs in with", activity: true },
  { key: "joined", header: "Joined" },
];

/** Making someone an owner hands them everything, including removing you: it asks first. */
export const ownerConfirm = (orgName: string, who: ReactNode): RoleChangeConfirm => ({
  title: <>Make {who} an owner?</>,
  description: `Owners can do everything in ${orgName}: change its settings and sign-in, remove anyone (other owners and you included) and delete it. Only another owner can take this back.`,
  confirmLabel: "Make owner",
});

/** The members table and its controls: a checkbox, a role picker and a Remove button per row, one confirm dialog for them all. */
export function MembersTable({ rows, orgSlug, orgName, manages, showsActivity, bulkRoles, changeRoleAction, removeAction, bulkAction, empty }: MembersTableProps) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const selectable = rows.filter((m) => m.grantable || m.removable);
  const allSelected = selectable.length > 0 && selectable.every((m) => selected.has(m.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const select = manages && selectable.length > 0;
  const columns = [
    ...(select ? [{ key: "select", header: "Select", cardLabel: false, className: "w-10 max-md:float-left max-md:mt-1 max-md:mr-3" }] : []),
    ...COLUMNS.filter((c) => showsActivity || !c.activity).map(({ activity: _, ...column }) => column),
    ...(manages ? [{ key: "manage", header: "Manage", className: "md:text-right", cardLabel: false }] : []),
  ];
  const chosen = rows.filter((m) => selected.has(m.id));

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
      {select && (
        <BulkBar
          orgSlug={orgSlug}
          orgName={orgName}
          chosen={chosen.map((m) => ({ id: m.id, name: m.name, email: m.email }))}
          roles={bulkRoles}
          allSelected={allSelected}
          onSelectAll={(on) => setSelected(on ? new Set(selectable.map((m) => m.id)) : new Set())}
          onDone={() => setSelected(new Set())}
          action={bulkAction}
        />
      )}
      <DataTable
        caption="Members"
        columns={columns}
        rows={rows.map((m) => ({
          key: m.id,
          cells: {
            select:
              m.grantable || m.removable ? (
                <input
                  type="checkbox"
                  aria-label={`Select ${m.name}`}
                  checked={selected.has(m.id)}
                  onChange={(event) => toggle(m.id, event.target.checked)}
                  className="size-4 rounded border-slate-300 accent-indigo-600"
                />
              ) : null,
            name: (
              <span className="block max-w-[calc(100vw-5rem)] min-w-0 md:max-w-64">
                <span className="flex min-w-0 items-center gap-2 font-medium text-slate-900">
                  <span className="truncate" title={m.name}>
                    {m.name}
                  </span>
                  {m.you && <Badge tone="neutral">You</Badge>}
                </span>
                <span className="block truncate text-slate-600" title={m.email}>
                  {m.email}
                </span>
              </span>
            ),
            role: <RoleBadge role={m.role} />,
            lastActive: <span className="whitespace-nowrap">{m.lastActive ?? "Never signed in"}</span>,
            signIn: <span className="whitespace-nowrap">{m.signIn ?? "—"}</span>,
            joined: (
              <span className="block whitespace-nowrap">
                {m.joined}
                <span className="block text-xs text-slate-600">{m.via}</span>
              </span>
            ),
            manage: (m.grantable || m.removable) && (
              <div className="flex flex-wrap items-center gap-2 md:flex-nowrap md:justify-end">
                {m.grantable && (
                  <RoleSelectForm
                    action={changeRoleAction}
                    fields={{ userId: m.id }}
                    currentRole={m.role}
                    roles={m.grantable}
                    subject={m.name}
                    confirmRole={(role) => (role === "owner" ? ownerConfirm(orgName, m.name) : null)}
                  />
                )}
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
