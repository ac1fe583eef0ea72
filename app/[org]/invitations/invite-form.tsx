"use client";

import { useActionState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { initialFormState } from "@/components/ui/form-state";
import { useFormStateToast } from "@/components/ui/use-form-state-toast";
import { ROLE_LABELS, type OrgRole } from "@/lib/authz/roles";
import type { InviteOutcome, InviteResult } from "@/lib/invitations/service";
import { inviteAction } from "./actions";

const OUTCOME_BADGES: Record<InviteOutcome, { tone: BadgeTone; label: string }> = {
  invited: { tone: "green", label: "Invited" },
  renewed: { tone: "green", label: "Renewed" },
  member: { tone: "neutral", label: "Already a member" },
  pending: { tone: "amber", label: "Already invited" },
  duplicate: { tone: "neutral", label: "Duplicate" },
  outranked: { tone: "amber", label: "Needs an owner" },
};

function parseResults(json: string | undefined): InviteResult[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as InviteResult[]) : [];
  } catch {
    return [];
  }
}

export function InviteForm({ orgSlug, roles }: { orgSlug: string; roles: OrgRole[] }) {
  const [state, formAction] = useActionState(inviteAction, initialFormState);
  // The outcome of each address is listed below the form; the toast sums it up.
  useFormStateToast(state, { error: false });
  const results = state?.ok ? parseResults(state.data?.results) : [];
  // A message that repeats a field's error is shown once, next to the field.
  const fieldErrors = Object.values(state?.fields ?? {});
  const formError = state && !state.ok && state.message && !fieldErrors.includes(state.message) ? state.message : undefined;
  const defaultRole = state?.values?.role ?? (roles.includes("member") ? "member" : roles[roles.length - 1]);

  return (
    <form action={formAction} className="space-y-4">
      <FormMessage message={formError} />
      <input type="hidden" name="currentSlug" value={orgSlug} />
      <TextAreaField
        name="emails"
        label="Email addresses"
        rows={4}
        required
        placeholder={"ann@example.com, bo@example.com"}
        hint="Up to 50, separated by commas, spaces or new lines"
        defaultValue={state?.ok ? "" : state?.values?.emails}
        error={state?.fields?.emails}
      />
      <div className="sm:max-w-sm">
        <SelectField
          name="role"
          label="Role"
          defaultValue={defaultRole}
          error={state?.fields?.role}
          hint="The role they get when they accept. You can change it while the invitation is pending."
          options={roles.map((role) => ({ value: role, label: ROLE_LABELS.org[role] }))}
        />
      </div>
      <SubmitButton pendingLabel="Sending…">Send invitations</SubmitButton>
      {results.length > 0 && (
        <section aria-labelledby="invite-report-title" className="rounded-md border border-slate-200 bg-slate-50 p-4">
          <h3 id="invite-report-title" className="text-sm font-semibold text-slate-900">
            What happened to each address
          </h3>
          <ul className="mt-3 divide-y divide-slate-200" data-testid="invite-report">
            {results.map((r, i) => {
              const badge = OUTCOME_BADGES[r.outcome] ?? { tone: "neutral" as const, label: r.outcome };
              return (
                <li key={`${r.email}-${i}`} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:gap-3">
                  <span className="min-w-0 font-medium break-all text-slate-900 sm:flex-1">{r.email}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    <Badge tone={badge.tone}>{badge.label}</Badge>
                    <span className="text-sm text-slate-600">{r.message}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </form>
  );
}
