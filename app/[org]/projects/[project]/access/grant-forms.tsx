"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { PROJECT_ROLES, ROLE_LABELS, type ProjectRole } from "@/lib/authz/roles";
import { grantPersonAction, grantTeamAction, inviteToProjectAction } from "../../actions";

type GrantFormsProps = {
  fields: { currentSlug: string; projectSlug: string };
  /** The roles the viewer may give (at most their own). */
  roles: ProjectRole[];
  teams: { slug: string; name: string }[];
};

const roleOptions = (roles: ProjectRole[]) => roles.map((r) => ({ value: r, label: ROLE_LABELS.project[r] }));

function Hidden({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/** Give a member or a team a role; giving again with another role changes it. */
export function GrantForms({ fields, roles, teams }: GrantFormsProps) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ActionForm action={grantPersonAction} className="space-y-3">
        {(state) => (
          <>
            <Hidden fields={fields} />
            <Field name="email" id="grant-email" type="email" label="Member's email" required autoComplete="off" defaultValue={state?.ok ? "" : state?.values?.email} error={state?.fields?.email} />
            <SelectField name="role" id="grant-person-role" label="Role" defaultValue={state?.values?.role ?? "read"} error={state?.fields?.role} options={roleOptions(roles)} />
            <SubmitButton pendingLabel="Saving…">Give access</SubmitButton>
          </>
        )}
      </ActionForm>
      <ActionForm action={grantTeamAction} className="space-y-3">
        {(state) =>
          teams.length === 0 ? (
            <p className="text-sm text-slate-600">This organization has no teams yet. Create one on the Teams page to give a whole group access at once.</p>
          ) : (
            <>
              <Hidden fields={fields} />
              <SelectField name="team" id="grant-team" label="Team" defaultValue={state?.values?.team ?? teams[0].slug} error={state?.fields?.team} options={teams.map((t) => ({ value: t.slug, label: t.name }))} />
              <SelectField name="role" id="grant-team-role" label="Team's role" defaultValue={state?.values?.role ?? "read"} error={state?.fields?.role} options={roleOptions(roles)} />
              <SubmitButton pendingLabel="Saving…">Give team access</SubmitButton>
            </>
          )
        }
      </ActionForm>
    </div>
  );
}

/**
 * Invite someone outside the organization to this project by email. An organization member's
 * address gets the role directly (the service decides and says so).
 */
export function ProjectInviteForm({ fields, roles }: Omit<GrantFormsProps, "teams">) {
  return (
    <ActionForm action={inviteToProjectAction} className="space-y-3 sm:max-w-md">
      {(state) => (
        <>
          <Hidden fields={fields} />
          <Field
            name="email"
            id="invite-email"
            type="email"
            label="Email address"
            hint="Someone outside the organization: they will see this project only. Members get the role directly."
            required
            autoComplete="off"
            defaultValue={state?.ok ? "" : state?.values?.email}
            error={state?.fields?.email}
          />
          <SelectField name="role" id="invite-role" label="Role on this project" defaultValue={state?.values?.role ?? "read"} error={state?.fields?.role} options={roleOptions(roles)} />
          <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
