"use client";

import type { ReactNode } from "react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import type { OrgRole } from "@/lib/authz/roles";
import type { FormAction } from "@/components/ui/form-state";
import { RoleSelectForm, RowActions, RowButtonForm } from "@/components/ui/row-actions";
import { DataTable } from "@/components/ui/table";
import type { PendingInvitation } from "@/lib/invitations/service";

/**
 * One pending invitation, as little as the row needs. The page sends these instead of rendered rows:
 * markup rendered by a server component travels twice (as HTML and again in the RSC payload), a
 * row's data only once besides its HTML.
 */
export type InvitationRow = {
  id: string;
  email: string;
  role: OrgRole;
  /** <RelativeTime>s, rendered on the server (they read the clock); `expires` is null once expired. */
  sent: ReactNode;
  expires: ReactNode | null;
  invitedBy?: string;
  delivery: PendingInvitation["delivery"];
  /** The viewer may resend and revoke it (decided on the server)… */
  manages?: true;
  /** …and give it one of the table's `roles` instead of its own. */
  changesRole?: true;
};

type InvitationsTableProps = {
  rows: InvitationRow[];
  orgSlug: string;
  /** The roles the viewer may invite with, decided on the server: the choices of every row's role picker. */
  roles: OrgRole[];
  changeRoleAction: FormAction;
  resendAction: FormAction;
  revokeAction: FormAction;
  empty: ReactNode;
};

const DELIVERY: Record<PendingInvitation["delivery"], { tone: "green" | "neutral" | "red"; label: string }> = {
  sent: { tone: "green", label: "Sent" },
  sending: { tone: "neutral", label: "Sending" },
  failed: { tone: "red", label: "Delivery failed" },
};

const COLUMNS = [
  { key: "email", header: "Email" },
  { key: "role", header: "Role" },
  { key: "sent", header: "Sent" },
  { key: "expires", header: "Expires" },
  { key: "delivery", header: "Delivery" },
  { key: "actions", header: "Actions", className: "text-right" },
];

export function InvitationsTable({ rows, orgSlug, roles, changeRoleAction, resendAction, revokeAction, empty }: InvitationsTableProps) {
  return (
    <RowActions fields={{ currentSlug: orgSlug }}>
      <DataTable
        caption="Pending invitations"
        columns={COLUMNS}
        rows={rows.map((inv) => {
          const fields = { invitationId: inv.id };
          const subject = `the invitation for ${inv.email}`;
          const delivery = DELIVERY[inv.delivery];
          return {
            key: inv.id,
            cells: {
              email: <span className="font-medium whitespace-nowrap text-slate-900">{inv.email}</span>,
              role: inv.changesRole ? (
                <RoleSelectForm action={changeRoleAction} fields={fields} currentRole={inv.role} roles={roles} subject={subject} />
              ) : (
                <RoleBadge role={inv.role} />
              ),
              sent: (
                <span className="block whitespace-nowrap">
                  {inv.sent}
                  {inv.invitedBy && <span className="block text-slate-600">by {inv.invitedBy}</span>}
                </span>
              ),
              expires: inv.expires === null ? <Badge tone="red">Expired</Badge> : <span className="whitespace-nowrap">{inv.expires}</span>,
              delivery: <Badge tone={delivery.tone}>{delivery.label}</Badge>,
              actions: inv.manages ? (
                <div className="flex items-center justify-end gap-2">
                  <RowButtonForm action={resendAction} fields={fields} label="Resend" srLabel={subject} pendingLabel="Sending…" />
                  <RowButtonForm action={revokeAction} fields={fields} label="Revoke" srLabel={subject} pendingLabel="Revoking…" />
                </div>
              ) : null,
            },
          };
        })}
        empty={empty}
      />
    </RowActions>
  );
}
