"use client";

import { Badge } from "@/components/ui/badge";
import type { FormAction } from "@/components/ui/form-state";
import { RowActions, RowConfirmButton, RowValue } from "@/components/ui/row-actions";
import { ROLE_LABELS, type ProjectRole } from "@/lib/authz/roles";

type GrantRow = { key: string; label: string; detail?: string; role: ProjectRole; fields: Record<string, string>; values: Record<string, string> };

type GrantListProps = {
  title: string;
  rows: GrantRow[];
  fields: Record<string, string>;
  removeAction: FormAction;
  confirmTitle: string;
  confirmText: string;
  removable: boolean;
};

/** The grants of one kind (people or teams), each with a Remove button that asks first. */
export function GrantList({ title, rows, fields, removeAction, confirmTitle, confirmText, removable }: GrantListProps) {
  return (
    <RowActions
      fields={fields}
      confirm={{
        title: (
          <>
            {confirmTitle} <RowValue name="label" />?
          </>
        ),
        description: confirmText,
        confirmLabel: "Remove access",
        pendingLabel: "Removing…",
      }}
    >
      <ul aria-label={title} className="divide-y divide-slate-200">
        {rows.map((row) => (
          <li key={row.key} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4">
            <div className="min-w-0 flex-1">
              <p className="font-medium break-words text-slate-900">{row.label}</p>
              {row.detail && <p className="text-sm break-all text-slate-600">{row.detail}</p>}
            </div>
            <Badge tone="indigo">{ROLE_LABELS.project[row.role]}</Badge>
            {removable && <RowConfirmButton action={removeAction} fields={row.fields} values={row.values} label="Remove" srLabel={row.label} />}
          </li>
        ))}
      </ul>
    </RowActions>
  );
}
