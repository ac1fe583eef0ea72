import type { Metadata } from "next";
import Link from "next/link";
import { Download, MailPlus, Search, Users } from "lucide-react";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldControlStyles } from "@/components/ui/field";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { PROJECT_ROLES, ROLE_LABELS, can } from "@/lib/authz";
import { AppError, ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listProjectInvitations } from "@/lib/invitations/project";
import { findMemberByEmail } from "@/lib/members/lookup";
import { checkProjectAccess, listProjectAccess, type AccessEntry } from "@/lib/projects/access";
import { listProjectGrants } from "@/lib/projects/grant-list";
import { getProject } from "@/lib/projects/service";
import { listTeams } from "@/lib/teams/service";
import { removePersonGrantAction, removeTeamGrantAction } from "../../actions";
import { ProjectRoleBadge } from "../../badges";
import { describeSource, SOURCE_KIND_LABELS } from "../../sources";
import { ProjectHeader } from "../project-header";
import { GrantForms, ProjectInviteForm } from "./grant-forms";
import { GrantList } from "./grant-list";
import { ProjectInvitations, type ProjectInvitationRow } from "./project-invitations";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Project access" };

type Props = { params: Promise<{ org: string; project: string }>; searchParams: Promise<Record<"source" | "cursor" | "check", string | string[] | undefined>> };
const FILTERABLE = ["org", "direct", "team"] as const;
type Filter = (typeof FILTERABLE)[number];

/** "Check a person": their access, or the message to show next to the field. */
async function checkPerson(actor: Awaited<ReturnType<typeof orgActorFor>>, projectSlug: string, email: string): Promise<{ entry?: AccessEntry; error?: string }> {
  try {
    const member = await findMemberByEmail(actor, email);
    return { entry: await checkProjectAccess(actor, projectSlug, member.id) };
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.fields?.email ?? error.message };
    if (error instanceof AppError && error.status === 404) return { error: error.message };
    throw error;
  }
}

function AccessRow({ entry }: { entry: AccessEntry }) {
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
      <div className="min-w-0 sm:w-64">
        <p className="font-medium break-words text-slate-900">{entry.user.name}</p>
        <p className="text-sm break-all text-slate-600">{entry.user.email}</p>
        <p className="mt-1">{entry.orgRole ? <RoleBadge role={entry.orgRole} /> : <Badge tone="amber">Outside collaborator</Badge>}</p>
      </div>
      <div className="min-w-0 flex-1">
        <p className="text-sm text-slate-700">
          <span className="sr-only">Effective role: </span>
          <ProjectRoleBadge role={entry.role} />
        </p>
        {entry.sources.length > 0 && (
          <ul aria-label={`Why ${entry.user.name} has access`} className="mt-1 space-y-0.5 text-sm text-slate-700">
            {entry.sources.map((source, i) => (
              <li key={i}>
                {ROLE_LABELS.project[source.role]}: {describeSource(source)}
                {source === entry.winner && entry.sources.length > 1 && <span className="text-slate-600"> (the highest)</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export default async function ProjectAccessPage({ params, searchParams }: Props) {
  const { org: slug, project: projectSlug } = await params;
  const search = await searchParams;
  const path = `/projects/${projectSlug}/access`;
  const actor = await orgActorFor(slug, path);
  const source = (FILTERABLE as readonly string[]).includes(searchParam(search.source)) ? (searchParam(search.source) as Filter) : undefined;
  const cursor = searchParam(search.cursor) || undefined;
  const checkEmail = searchParam(search.check).trim().slice(0, 320);
  // An outside collaborator who administers the project manages its grants and invitations, but
  // sees neither the organization's members nor its teams.
  const seesOrg = can(actor.principal, "org.view");
  const [project, page, grants, invitations, teams, checked] = await pageRead(
    async () =>
      Promise.all([
        getProject(actor, projectSlug),
        seesOrg
          ? orFirstPage(listProjectAccess(actor, projectSlug, { source, cursor, limit: 50 }), () => listProjectAccess(actor, projectSlug, { source, limit: 50 }))
          : null,
        listProjectGrants(actor, projectSlug),
        listProjectInvitations(actor, projectSlug, { limit: 100 }),
        seesOrg ? listTeams(actor, { limit: 100 }) : { items: [], nextCursor: null },
        seesOrg && checkEmail ? checkPerson(actor, projectSlug, checkEmail) : null,
      ]),
    `/${slug}${path}`,
  );

  const base = `/${actor.org.slug}/projects/${project.slug}/access`;
  const href = (next?: string) => {
    const q = new URLSearchParams(Object.entries({ source, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const fields = { currentSlug: actor.org.slug, projectSlug: project.slug };
  // The roles the viewer may give: at most their own (the service refuses more anyway).
  const grantable = PROJECT_ROLES.filter((r) => PROJECT_ROLES.indexOf(r) >= PROJECT_ROLES.indexOf(project.role));
  const invitationRows = invitations.items.map(
    (inv): ProjectInvitationRow => ({
      id: inv.id,
      email: inv.email,
      role: inv.role,
      sent: <RelativeTime date={inv.createdAt} />,
      expires: inv.expired ? null : <RelativeTime date={inv.expiresAt} />,
      delivery: inv.delivery,
      ...(inv.invitedBy.name ? { invitedBy: inv.invitedBy.name } : {}),
    }),
  );
  const csvHref = `/api/v1/orgs/${actor.org.slug}/projects/${project.slug}/access?format=csv`;

  return (
    <>
      <ProjectHeader actor={actor} project={project} current="access" />
      <div className="space-y-6">
        {project.can.grant && seesOrg && (
          <Card title="Give access" description="Giving someone or a team access again with another role changes it. A direct grant adds access: it never lowers what someone already has.">
            <GrantForms fields={fields} roles={grantable} teams={teams.items} />
          </Card>
        )}
        {project.can.grant && (
          <Card title="Invite by email" description="Invite someone outside the organization to this project only, with a role on it. The invitation link works for 7 days; they see this project and the organization's name, nothing else.">
            <ProjectInviteForm fields={fields} roles={grantable} />
            <h3 className="pt-2 text-sm font-semibold text-slate-900">Pending invitations</h3>
            <ProjectInvitations
              rows={invitationRows}
              fields={fields}
              empty={<EmptyState icon={MailPlus} title="No pending invitations" description="Invite someone above: their invitation waits here until they accept or decline it." />}
            />
          </Card>
        )}
        <Card title="Grants" description="The people and teams given a role on this project. Removing a grant takes effect on their next request.">
          {grants.people.length === 0 && grants.teams.length === 0 ? (
            <p className="text-sm text-slate-600">No grants yet. {project.can.grant ? "Use the forms above." : ""}</p>
          ) : (
            <div className="space-y-4">
              {grants.teams.length > 0 && (
                <GrantList
                  title="Teams with access"
                  rows={grants.teams.map((g) => ({ key: g.team.id, label: g.team.name, detail: `Team @${g.team.slug}`, role: g.role, fields: { team: g.team.slug }, values: { label: g.team.name } }))}
                  fields={fields}
                  removeAction={removeTeamGrantAction}
                  confirmTitle="Remove the access of team"
                  confirmText="Its members, and the members of its child teams, lose the access this grant gives on their next request. Access they have from elsewhere stays."
                  removable={project.can.admin}
                />
              )}
              {grants.people.length > 0 && (
                <GrantList
                  title="People with direct access"
                  rows={grants.people.map((g) => ({ key: g.user.id, label: g.user.name, detail: g.user.email, role: g.role, fields: { userId: g.user.id }, values: { label: g.user.name } }))}
                  fields={fields}
                  removeAction={removePersonGrantAction}
                  confirmTitle="Remove the direct access of"
                  confirmText="They lose this grant on their next request; access from their organization role or a team stays. An outside collaborator with no other grant loses the project."
                  removable={project.can.admin}
                />
              )}
            </div>
          )}
        </Card>
        {page && (
          <Card title="Who can see this and why" description="Everyone with access, their effective role, and every source of it. The highest source wins.">
            <div className="flex flex-col gap-4 lg:flex-row lg:items-end">
              <form method="get" role="search" aria-label="Filter by source" className="flex flex-wrap items-end gap-3">
                <div className="space-y-1.5">
                  <label htmlFor="access-source" className="block text-sm font-medium text-slate-900">
                    Source
                  </label>
                  <select id="access-source" name="source" defaultValue={source ?? ""} className={fieldControlStyles({})}>
                    <option value="">Every source</option>
                    {FILTERABLE.map((s) => (
                      <option key={s} value={s}>
                        {SOURCE_KIND_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className={buttonStyles({ variant: "secondary" })}>
                  Filter
                </button>
              </form>
              <form method="get" role="search" aria-label="Check a person" className="flex min-w-0 flex-1 flex-wrap items-end gap-3">
                <div className="min-w-0 flex-1 basis-56 space-y-1.5">
                  <label htmlFor="access-check" className="block text-sm font-medium text-slate-900">
                    Check a person
                  </label>
                  <input
                    id="access-check"
                    name="check"
                    type="email"
                    defaultValue={checkEmail}
                    placeholder="Email of a member"
                    autoComplete="off"
                    aria-invalid={checked?.error ? true : undefined}
                    aria-describedby={checked?.error ? "access-check-error" : undefined}
                    className={fieldControlStyles({ invalid: Boolean(checked?.error) })}
                  />
                </div>
                <button type="submit" className={buttonStyles({ variant: "secondary" })}>
                  <Search className="size-4" aria-hidden="true" /> Check
                </button>
              </form>
              <a href={csvHref} download className={buttonStyles({ variant: "secondary" })}>
                <Download className="size-4" aria-hidden="true" /> Export CSV
              </a>
            </div>
            {checked?.error && (
              <p id="access-check-error" className="text-sm font-medium text-red-700">
                {checked.error}
              </p>
            )}
            {checked?.entry && (
              <section aria-label="Checked person" className="rounded-md border border-indigo-200 bg-indigo-50 p-4">
                {checked.entry.role ? <AccessRow entry={checked.entry} /> : <p className="text-sm text-slate-900">{checked.entry.user.name} has no access to this project.</p>}
              </section>
            )}
            {page.items.length === 0 ? (
              <EmptyState
                icon={Users}
                title={source ? `Nobody has access through: ${SOURCE_KIND_LABELS[source].toLowerCase()}` : "Nobody has access yet"}
                action={
                  source ? (
                    <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                      Show every source
                    </Link>
                  ) : undefined
                }
              />
            ) : (
              <ul aria-label="People with access" className="divide-y divide-slate-200">
                {page.items.map((entry) => (
                  <li key={entry.user.id} className="py-3">
                    <AccessRow entry={entry} />
                  </li>
                ))}
              </ul>
            )}
            {project.effectiveVisibility === "public" && <p className="text-sm text-slate-700">Besides these people, anyone can read this project: it is public and the organization is public.</p>}
            {(cursor || page.nextCursor) && <CursorPager firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />}
          </Card>
        )}
      </div>
    </>
  );
}
