import type { Metadata } from "next";
import Link from "next/link";
import { Activity, ArrowRight, CircleCheck, Circle, FolderKanban, Users, UsersRound } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { activityText } from "@/lib/audit/actions";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { emailTrustedFor } from "@/lib/invitations/service";
import { getOrgOverview } from "@/lib/orgs/service";
import { VerifyEmailBanner } from "../account/verify-email-banner";

type Props = { params: Promise<{ org: string }> };

export const metadata: Metadata = { title: "Overview" };

export default async function OrgDashboard({ params }: Props) {
  const { org: slug } = await params;
  const actor = await orgActorFor(slug);
  const { counts, activity } = await pageRead(() => getOrgOverview(actor), `/${slug}`);
  const { principal } = actor;
  const base = `/${actor.org.slug}`;
  const stats = [
    { label: "Members", value: counts.members, icon: Users, href: `${base}/members` },
    { label: "Teams", value: counts.teams, icon: UsersRound, href: `${base}/teams` },
    { label: "Projects", value: counts.projects, icon: FolderKanban, href: `${base}/projects` },
  ];
  // The first steps of a new organization, each offered to who may take it, ticked off by what exists.
  const steps = [
    can(principal, "invitation.create", { role: "member" }) && {
      label: "Invite people",
      done: counts.members > 1 || counts.invitations > 0,
      href: `${base}/invitations`,
    },
    can(principal, "org.auth.edit") && { label: "Set up how people sign in and join", done: counts.signInSetUp, href: `${base}/settings/auth` },
    can(principal, "project.create") && { label: "Create a project", done: counts.projects > 0, href: `${base}/projects` },
  ].filter((step): step is { label: string; done: boolean; href: string } => Boolean(step));
  const onboarding = steps.length > 0 && steps.some((step) => !step.done);
  const doneCount = steps.filter((step) => step.done).length;

  return (
    <>
      {actor.viewer && !emailTrustedFor(actor.viewer, actor.org.id) && <VerifyEmailBanner email={actor.viewer.email} />}
      <PageHeader title={actor.org.name} description={actor.org.description || undefined} />
      {onboarding && (
        <section aria-labelledby="getting-started" className="mb-8 rounded-md border border-indigo-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id="getting-started" className="text-base font-semibold text-slate-900">
            Get {actor.org.name} going
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {doneCount} of {steps.length} done. Each step ticks itself off.
          </p>
          <ol className="mt-4 space-y-2">
            {steps.map((step) => (
              <li key={step.label}>
                <Link href={step.href} className="flex items-center gap-3 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
                  {step.done ? <CircleCheck className="size-5 shrink-0 text-green-700" aria-hidden="true" /> : <Circle className="size-5 shrink-0 text-slate-400" aria-hidden="true" />}
                  <span className={step.done ? "text-slate-600 line-through" : "font-medium text-slate-900"}>{step.label}</span>
                  <span className="sr-only">{step.done ? "(done)" : "(to do)"}</span>
                  <ArrowRight className="ml-auto size-4 shrink-0 text-slate-400" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ol>
        </section>
      )}
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {stats.map(({ label, value, icon: Icon, href }) => (
          <li key={label}>
            <Link
              href={href}
              className="block rounded-md border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:bg-indigo-50/40 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
            >
              <span className="flex items-center gap-2 text-sm text-slate-600">
                <Icon className="size-4" aria-hidden="true" /> {label}
              </span>
              <span className="mt-1 block text-2xl font-semibold text-slate-900">{value.toLocaleString("en")}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-8">
        <Card
          title="Recent activity"
          footer={
            can(principal, "org.audit.view") ? (
              <Link href={`${base}/audit`} className="text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                View all in the audit log
              </Link>
            ) : undefined
          }
        >
          {activity.length === 0 ? (
            <EmptyState icon={Activity} title="No activity yet" description="Changes to members, invitations and settings show up here." />
          ) : (
            <ol className="divide-y divide-slate-100">
              {activity.map((event) => (
                <li key={event.id} className="flex flex-col gap-x-3 py-2 text-sm sm:flex-row sm:items-baseline">
                  <p className="min-w-0 flex-1 break-words text-slate-700">
                    <span className="font-medium text-slate-900">{event.actorName ?? "Someone"}</span> {activityText(event)}.
                  </p>
                  <span className="shrink-0 text-xs text-slate-600 sm:text-sm">
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
