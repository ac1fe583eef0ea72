"use client";

import type { ReactNode } from "react";
import { KeyRound } from "lucide-react";
import { CopyableValue } from "@/app/[org]/settings/auth/copy-button";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";
import { RowActions, RowConfirmButton, RowValue } from "@/components/ui/row-actions";
import { DataTable, EmptyState } from "@/components/ui/table";

export type RunTokenRow = { id: string; name: string; prefix: string; createdBy: string | null; created: ReactNode; lastUsed: ReactNode | null };

type RunTokensProps = { rows: RunTokenRow[]; fields: Record<string, string>; createAction: FormAction; revokeAction: FormAction };

/** The project's run tokens: create one (its secret shown once), see when each was last used, revoke. */
export function RunTokens({ rows, fields, createAction, revokeAction }: RunTokensProps) {
  return (
    <div className="space-y-4">
      <RowActions
        fields={fields}
        confirm={{
          title: (
            <>
              Revoke the run token <RowValue name="name" />?
            </>
          ),
          description: "Whatever sends it (a training script, a CI job) is refused from its next request. This cannot be undone: create a new token instead.",
          confirmLabel: "Revoke token",
          pendingLabel: "Revoking…",
        }}
      >
        <DataTable
          caption="Run tokens"
          columns={[
            { key: "name", header: "Token", cardLabel: false },
            { key: "created", header: "Created" },
            { key: "used", header: "Last used" },
            { key: "actions", header: "Actions", className: "md:text-right", cardLabel: false },
          ]}
          rows={rows.map((t) => ({
            key: t.id,
            cells: {
              name: (
                <span className="block min-w-0">
                  <span className="block font-medium break-words text-slate-900">{t.name}</span>
                  <code className="text-xs text-slate-600">{t.prefix}…</code>
                </span>
              ),
              created: (
                <span className="whitespace-nowrap">
                  {t.created}
                  {t.createdBy && <span className="block text-slate-600">by {t.createdBy}</span>}
                </span>
              ),
              used: t.lastUsed ?? <span className="text-slate-600">Never</span>,
              actions: <RowConfirmButton action={revokeAction} fields={{ tokenId: t.id }} values={{ name: t.name }} label="Revoke" srLabel={t.name} />,
            },
          }))}
          empty={<EmptyState icon={KeyRound} title="No run tokens" description="Create one for a training script or CI job: it creates and updates this project's runs and nothing else." />}
        />
      </RowActions>
      <ActionForm action={createAction}>
        {(state) => (
          <>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {state?.ok && state.data?.token && (
              <div role="status" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
                <p className="font-medium">Copy the new token now. It will not be shown again.</p>
                <div data-testid="new-run-token">
                  <CopyableValue value={state.data.token} label="the new run token" />
                </div>
              </div>
            )}
            <div className="flex flex-wrap items-end gap-3">
              <div className="min-w-0 flex-1 basis-56">
                <Field id="run-token-name" name="name" label="Token name" required maxLength={80} placeholder="nightly training" error={state?.fields?.name} defaultValue={state?.ok ? "" : (state?.values?.name ?? "")} />
              </div>
              <SubmitButton pendingLabel="Creating…">Create run token</SubmitButton>
            </div>
          </>
        )}
      </ActionForm>
    </div>
  );
}
