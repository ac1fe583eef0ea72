"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { RowActions, RowButtonForm, RowConfirmButton, RowValue } from "@/components/ui/row-actions";
import { DataTable } from "@/components/ui/table";
import type { ProjectRole } from "@/lib/authz/roles";
import type { Delivery } from "@/lib/invitations/shared";
import { DELIVERY } from "../../../invitations/invitations-table";
import { resendProjectInvitationAction, revokeProjectInvitationAction } from "../../actions";
import { ProjectRoleBadge } from "../../badges";

/** One open invitation of an outside collaborator; the times are <RelativeTime>s rendered on the server. */
export type ProjectInvitationRow = { id: string; email: string; role: ProjectRole; sent: ReactNode; expires: ReactNode | null; invitedBy?: string; delivery: Delivery };

const COLUMNS = [
  { key: "email", header: "Email", cardLabel: false },
  { key: "role", header: "Role" },
  { key: "sent", header: "Sent" },
  { key: "expires", header: "Expires" },
  { key: "delivery", header: "Delivery" },
  { key: "actions", header: "Actions", className: "md:text-right", cardLabel: false },
];

/** Pending (and expired) invitations to the project, each with Resend and Revoke (which asks first). */
export function ProjectInvitations({ rows, fields, empty }: { rows: ProjectInvitationRow[]; fields: Record<string, string>; empty: ReactNode }) {
  return (
    <RowActions
      fields={fields}
      confirm={{
        title: (
          <>
            Revoke the invitation for <RowValue name="email" />?
          </>
        ),
        description: "Its link stops working at once. You can invite them again later.",
        confirmLabel: "Revoke invitation",
        pendingLabel: "Revoking…",
      }}
    >
      <DataTable
        caption="Pending project invitations"
        columns={COLUMNS}
        empty={empty}
        rows={rows.map((inv) => {
          const subject = `the invitation for ${inv.email}`;
          const delivery = DELIVERY[inv.delivery];
          return {
            key: inv.id,
            cells: {
              email: (
                <span className="block max-w-[calc(100vw-4rem)] truncate font-medium text-slate-900 md:max-w-64" title={inv.email}>
                  {inv.email}
                </span>
              ),
              role: <ProjectRoleBadge role={inv.role} />,
              sent: (
                <span className="block whitespace-nowrap">
                  {inv.sent}
                  {inv.invitedBy && <span className="block text-slate-600">by {inv.invitedBy}</span>}
                </span>
              ),
              expires: inv.expires === null ? <Badge tone="red">Expired</Badge> : <span className="whitespace-nowrap">{inv.expires}</span>,
              delivery: <Badge tone={delivery.tone}>{delivery.label}</Badge>,
              actions: (
                <div className="flex items-center gap-2 md:justify-end">
                  <RowButtonForm action={resendProjectInvitationAction} fields={{ invitationId: inv.id }} label="Resend" srLabel={subject} pendingLabel="Sending…" />
                  <RowConfirmButton action={revokeProjectInvitationAction} fields={{ invitationId: inv.id }} values={{ email: inv.email }} label="Revoke" srLabel={subject} />
                </div>
              ),
            },
          };
        })}
      />
    </RowActions>
  );
}
