import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDialog, TypeToConfirmDialog } from "@/components/ui/confirm-dialog";
import { getTokenPolicy } from "@/lib/accounts/token-policy";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { isLastOwner } from "@/lib/members/service";
import { deleteOrgAction, leaveOrgAction } from "./actions";
import { GeneralSettingsForm } from "./general-form";
import { SettingsTabs } from "./settings-tabs";
import { TokenPolicyForm } from "./token-policy-form";

export const metadata: Metadata = { title: "Settings" };

export default async function OrgSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const actor = await orgActorFor(slug, "/settings");
  const [lastOwner, tokenPolicy] = await pageRead(() => Promise.all([isLastOwner(actor), getTokenPolicy(actor)]), `/${slug}/settings`);
  const { principal } = actor;
  const canEdit = can(principal, "org.settings.edit");
  return (
    <>
      <PageHeader title="Settings" description={canEdit ? undefined : "Only owners can change these settings."} />
      <SettingsTabs slug={actor.org.slug} current="general" showAuth={can(principal, "org.auth.view")} />
      <div className="space-y-6">
        <Card title="General">
          <GeneralSettingsForm org={actor.org} canEdit={canEdit} />
        </Card>
        <Card title="Access tokens" description="How long a personal access token may act in this organization after it is created.">
          <TokenPolicyForm slug={actor.org.slug} maxTokenDays={tokenPolicy.maxTokenDays} canEdit={canEdit} />
        </Card>
        <Card title="Leave this organization" description="You lose access to its projects. An owner can invite you again.">
          {can(principal, "org.leave", { isLastOwner: lastOwner }) ? (
            <ConfirmDialog
              triggerLabel="Leave organization"
              title={`Leave ${actor.org.name}?`}
              description={`You lose access to ${actor.org.name} at once, with your team memberships and project grants there; invitations you sent that are still pending are revoked. Only a new invitation brings you back.`}
              submitLabel="Leave organization"
              pendingLabel="Leaving…"
              action={leaveOrgAction}
              hiddenFields={{ currentSlug: actor.org.slug }}
            />
          ) : (
            <p className="text-sm text-slate-700">You are its only owner. Make someone else an owner first, or delete the organization.</p>
          )}
        </Card>
        {can(principal, "org.delete") && (
          <Card tone="danger" title="Delete this organization" description="Deletes its members, teams, projects and invitations. This cannot be undone.">
            <TypeToConfirmDialog
              triggerLabel="Delete organization"
              title={`Delete ${actor.org.name}?`}
              description="Everything in it is deleted for everyone. The audit trail of the deletion is kept."
              confirmText={actor.org.slug}
              inputName="confirm"
              submitLabel="Delete this organization"
              action={deleteOrgAction}
              hiddenFields={{ currentSlug: actor.org.slug }}
            />
          </Card>
        )}
      </div>
    </>
  );
}
