import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { getAuthSettings } from "@/lib/auth-settings/service";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { SettingsTabs } from "../settings-tabs";
import { AuthSettingsForm } from "./auth-settings-form";

export const metadata: Metadata = { title: "Authentication" };

export default async function AuthSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const actor = await orgActorFor(slug, "/settings/auth");
  const settings = await pageRead(() => getAuthSettings(actor), `/${slug}/settings/auth`);
  const canEdit = can(actor.principal, "org.auth.edit");
  return (
    <>
      <PageHeader title="Settings" description={canEdit ? undefined : "Only owners can change how people sign in and join."} />
      <SettingsTabs slug={actor.org.slug} current="auth" showAuth />
      <AuthSettingsForm settings={settings} orgSlug={actor.org.slug} orgName={actor.org.name} canEdit={canEdit} />
    </>
  );
}
