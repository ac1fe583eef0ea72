"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ROLE_LABELS, TEAM_ROLES } from "@/lib/authz/roles";
import { addTeamMemberAction } from "../actions";

export function AddTeamMemberForm({ orgSlug, teamSlug }: { orgSlug: string; teamSlug: string }) {
  return (
    <ActionForm action={addTeamMemberAction} className="space-y-3">
      {(state) => (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <input type="hidden" name="currentSlug" value={orgSlug} />
          <input type="hidden" name="teamSlug" value={teamSlug} />
          <div className="min-w-0 flex-1">
            <Field
              name="email"
              type="email"
              label="Email of an organization member"
              required
              autoComplete="off"
              defaultValue={state?.ok ? "" : state?.values?.email}
              error={state?.fields?.email}
            />
          </div>
          <div className="sm:w-44">
            <SelectField name="role" label="Team role" defaultValue={state?.values?.role ?? "member"} error={state?.fields?.role} options={TEAM_ROLES.map((r) => ({ value: r, label: ROLE_LABELS.team[r] }))} />
          </div>
          <div className="sm:pt-7">
            <SubmitButton pendingLabel="Adding…">Add to team</SubmitButton>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
