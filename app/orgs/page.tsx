import type { Metadata } from "next";
import Link from "next/link";
import { Building2, Plus } from "lucide-react";
import { RoleBadge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { RowButtonForm } from "@/components/ui/row-actions";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { requireSignedIn } from "@/lib/http/pages";
import { listMyInvitations } from "@/lib/invitations/service";
import { joinableOrg } from "@/lib/members/open-join";
import { listDeletedOrgs, listMyOrgs } from "@/lib/orgs/service";
import { listSharedProjects } from "@/lib/projects/shared";
import { ProjectRoleBadge } from "../[org]/projects/badges";
import { acceptMyInvitationAction, joinOrgAction, restoreOrgAction } from "./actions";

export const metadata: Metadata = { title: "Your organizations" };

export default async function OrgsPage() {
  const actor = await requireSignedIn("/orgs");
  // Invitations go to an address: until it is confirmed, they are not shown to whoever typed it in.
  const [{ items: orgs }, invitations, joinable, deleted, shared] = await Promise.all([
    listMyOrgs(actor),
    actor.viewer.emailVerified ? listMyInvitations(actor) : [],
    joinableOrg(actor),
    listDeletedOrgs(actor),
    listSharedProjects(actor),
  ]);
  const newOrg = (
    <Link href="/orgs/new" className={buttonStyles({})}>
      <Plus className="size-4" aria-hidden="true" /> New organization
    </Link>
  );
  return (
    <>
      <PageHeader title="Your organizations" actions={orgs.length ? newOrg : undefined} />
      {invitations.length > 0 && (
        <section aria-labelledby="my-invitations" className="mb-8">
          <h2 id="my-invitations" className="mb-3 text-base font-semibold text-slate-900">
            Your invitations
          </h2>
          <ul className="divide-y divide-slate-200 rounded-md border border-indigo-200 bg-white">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="truncate font-medium text-slate-900">{inv.org.name}</span>
                    <RoleBadge role={inv.role} />
                  </p>
                  <p className="text-sm text-slate-600">
                    {inv.inviterName ? `Invited by ${inv.inviterName}` : "Invited"} · expires <RelativeTime date={inv.expiresAt} />
                  </p>
                </div>
                <RowButtonForm action={acceptMyInvitationAction} fields={{ invitationId: inv.id }} label="Accept" srLabel={`the invitation to ${inv.org.name}`} pendingLabel="Joining…" variant="primary" />
              </li>
            ))}
          </ul>
        </section>
      )}
      {joinable && (
        <section aria-labelledby="joinable" className="mb-8">
          <h2 id="joinable" className="mb-3 text-base font-semibold text-slate-900">
            You can join {joinable.org.name}
          </h2>
          <div className="flex flex-col gap-3 rounded-md border border-indigo-200 bg-white px-4 py-3 sm:flex-row sm:items-center">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                <span className="truncate font-medium text-slate-900">{joinable.org.name}</span>
                <RoleBadge role={joinable.role} />
              </p>
              <p className="text-sm text-slate-600">
                {joinable.refusal === "sso"
                  ? "People with your email domain can join through its single sign-on."
                  : "People with your email domain can join without an invitation."}
              </p>
            </div>
            {joinable.refusal === "sso" ? (
              <Link href={`/sso?${new URLSearchParams({ org: joinable.org.slug })}`} className={buttonStyles({ size: "sm" })}>
                Sign in with SSO to join
              </Link>
            ) : (
              <RowButtonForm action={joinOrgAction} fields={{ slug: joinable.org.slug }} label="Join" srLabel={joinable.org.name} pendingLabel="Joining…" variant="primary" />
            )}
          </div>
        </section>
      )}
      {shared.length > 0 && (
        <section aria-labelledby="shared-projects" className="mb-8">
          <h2 id="shared-projects" className="mb-3 text-base font-semibold text-slate-900">
            Projects shared with you
          </h2>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {shared.map((s) => (
              <li key={`${s.org.slug}/${s.project.slug}`}>
                <Link href={`/${s.org.slug}/projects/${s.project.slug}`} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900">{s.project.name}</span>
                    <span className="block truncate text-sm text-slate-600">in {s.org.name}, as an outside collaborator</span>
                  </span>
                  <ProjectRoleBadge role={s.role} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {orgs.length === 0 ? (
        <EmptyState
          icon={Building2}
          title="You are not in any organization yet"
          description={invitations.length ? "Accept an invitation above, or create your own." : "Create one, or ask an owner to invite you."}
          action={newOrg}
        />
      ) : (
        <>
          {invitations.length > 0 && <h2 className="mb-3 text-base font-semibold text-slate-900">Organizations you belong to</h2>}
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {orgs.map((org) => (
              <li key={org.id}>
                <Link href={`/${org.slug}`} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900">{org.name}</span>
                    <span className="block truncate text-sm text-slate-600">/{org.slug}</span>
                  </span>
                  <RoleBadge role={org.role} />
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {deleted.length > 0 && (
        <section aria-labelledby="deleted-orgs" className="mt-8">
          <h2 id="deleted-orgs" className="mb-3 text-base font-semibold text-slate-900">
            Deleted organizations
          </h2>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {deleted.map((org) => (
              <li key={org.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">{org.name}</p>
                  <p className="text-sm text-slate-600">
                    /{org.slug} · deleted for good <RelativeTime date={org.restorableUntil} />
                  </p>
                </div>
                <RowButtonForm action={restoreOrgAction} fields={{ slug: org.slug }} label="Restore" srLabel={org.name} pendingLabel="Restoring…" variant="secondary" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
