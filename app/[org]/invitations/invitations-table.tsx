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
  status: PendingInvitation["status"];
  /** When it was accepted, declined or revoked: a <RelativeTime>. */
  closed?: ReactNode;
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
  /** "history": answered, revoked and expired invitations, with their status instead of expiry and delivery. */
  variant?: "pending" | "history";
};

export const DELIVERY: Record<PendingInvitation["delivery"], { tone: "green" | "neutral" | "red"; label: string }> = {
  sent: { tone: "green", label: "Sent" },
  sending: { tone: "neutral", label: "Sending" },
  failed: { tone: "red", label: "Delivery failed" },
};

const STATUS: Record<PendingInvitation["status"], { tone: "green" | "neutral" | "red" | "amber"; label: string }> = {
  pending: { tone: "neutral", label: "Pending" },
  accepted: { tone: "green", label: "Accepted" },
  declined: { tone: "amber", label: "Declined" },
  revoked: { tone: "neutral", label: "Revoked" },
  expired: { tone: "red", label: "Expired" },
};

const COLUMNS = [
  { key: "email", header: "Email", cardLabel: false },
  { key: "role", header: "Role" },
  { key: "sent", header: "Sent" },
  { key: "expires", header: "Expires" },
  { key: "delivery", header: "Delivery" },
  { key: "actions", header: "Actions", className: "md:text-right", cardLabel: false },
];

const HISTORY_COLUMNS = [
  { key: "email", header: "Email", cardLabel: false },
  { key: "role", header: "Role" },
  { key: "status", header: "Status" },
  { key: "sent", header: "Sent" },
  { key: "actions", header: "Actions", className: "md:text-right", cardLabel: false },
];

export function InvitationsTable({ rows, orgSlug, roles, changeRoleAction, resendAction, revokeAction, empty, variant = "pending" }: InvitationsTableProps) {
  const history = variant === "history";
  return (
    <RowActions fields={{ currentSlug: orgSlug }}>
      <DataTable
        caption={history ? "Invitation history" : "Pending invitations"}
        columns={history ? HISTORY_COLUMNS : COLUMNS}
        rows={rows.map((inv) => {
          const fields = { invitationId: inv.id };
          const subject = `the invitation for ${inv.email}`;
          const delivery = DELIVERY[inv.delivery];
          const status = STATUS[inv.status];
          // In the history only expired invitations are still open: they can be resent (renewed) or revoked.
          const actionable = inv.manages && (!history || inv.status === "expired");
          return {
            key: inv.id,
            cells: {
              email: (
                <span className="block max-w-[calc(100vw-4rem)] truncate font-medium text-slate-900 md:max-w-64" title={inv.email}>
                  {inv.email}
                </span>
              ),
              status: (
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {inv.closed && <span className="text-slate-600">{inv.closed}</span>}
                </span>
              ),
              role: inv.changesRole && !history ? (
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
              actions: actionable ? (
                <div className="flex items-center gap-2 md:justify-end">
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
