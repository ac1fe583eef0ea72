import type { Metadata } from "next";
import { Activity, FolderKanban, Users, UsersRound } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { describeAction } from "@/lib/audit/actions";
import { can } from "@/lib/authz";
import { orgVisitorFor, pageRead } from "@/lib/http/pages";
import { emailTrustedFor } from "@/lib/invitations/service";
import { getOrgOverview } from "@/lib/orgs/service";
import { getPublicProfile } from "@/lib/projects/profile";
import { VerifyEmailBanner } from "../account/verify-email-banner";
import { PublicOrgProfile } from "./public-profile";

type Props = { params: Promise<{ org: string }> };

export const metadata: Metadata = { title: "Overview" };

export default async function OrgDashboard({ params }: Props) {
  const { org: slug } = await params;
  const actor = await orgVisitorFor(slug);
  // People outside the organization see its public profile, which its service allows for public organizations only.
  if (!actor.principal.ssoPending && !can(actor.principal, "org.view")) {
    const profile = await pageRead(() => getPublicProfile(actor), `/${slug}`);
    return <PublicOrgProfile profile={profile} signedIn={actor.viewer !== null} />;
  }
  const { counts, activity } = await pageRead(() => getOrgOverview(actor), `/${slug}`);
  const stats = [
    { label: "Members", value: counts.members, icon: Users },
    { label: "Teams", value: counts.teams, icon: UsersRound },
    { label: "Projects", value: counts.projects, icon: FolderKanban },
  ];
  return (
    <>
      {actor.viewer && !emailTrustedFor(actor.viewer, actor.org.id) && <VerifyEmailBanner email={actor.viewer.email} />}
      <PageHeader title={actor.org.name} description={actor.org.description || undefined} />
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {stats.map(({ label, value, icon: Icon }) => (
          <div key={label} className="rounded-md border border-slate-200 bg-white p-4">
            <dt className="flex items-center gap-2 text-sm text-slate-600">
              <Icon className="size-4" aria-hidden="true" /> {label}
            </dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{value.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-8">
        <Card title="Recent activity">
          {activity.length === 0 ? (
            <EmptyState icon={Activity} title="No activity yet" />
          ) : (
            <ol className="divide-y divide-slate-100">
              {activity.map((event) => (
                <li key={event.id} className="flex flex-wrap items-baseline gap-x-1 py-2 text-sm">
                  <span className="font-medium text-slate-900">{event.actorName ?? "Someone"}</span>
                  <span className="text-slate-700">{describeAction(event.action)}</span>
                  {event.targetLabel && <span className="text-slate-900">{event.targetLabel}</span>}
                  <span className="ml-auto text-slate-600">
                    <RelativeTime date={event.createdAt} />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
