import type { Metadata } from "next";
import Link from "next/link";
import { FolderKanban, Users, UsersRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { TypeToConfirmDialog } from "@/components/ui/confirm-dialog";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { ROLE_LABELS, VISIBILITY_LABELS, type ProjectRole, type ProjectVisibility } from "@/lib/authz/roles";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listTeamMembers, type TeamMember } from "@/lib/teams/members";
import { getTeam, listTeamProjects, listTeams } from "@/lib/teams/service";
import { changeTeamRoleAction, deleteTeamAction, removeTeamMemberAction, updateTeamAction } from "../actions";
import { TeamForm } from "../team-form";
import { AddTeamMemberForm } from "./add-member-form";
import { TeamMembers, type TeamMemberRow } from "./team-members";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

type Props = { params: Promise<{ org: string; team: string }>; searchParams: Promise<{ cursor?: string | string[]; created?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Team ${(await params).team}` };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { org: slug, team: teamSlug } = await params;
  const search = await searchParams;
  const path = `/teams/${teamSlug}`;
  const actor = await orgActorFor(slug, path);
  const cursor = searchParam(search.cursor) || undefined;
  const [team, members, projects] = await pageRead(
    () =>
      Promise.all([
        getTeam(actor, teamSlug),
        orFirstPage(listTeamMembers(actor, teamSlug, { cursor, limit: 50 }), () => listTeamMembers(actor, teamSlug, { limit: 50 })),
        listTeamProjects(actor, teamSlug),
      ]),
    `/${slug}${path}`,
  );
  // Parent candidates for the settings form: not the team itself nor one of its own children
  // (the service refuses deeper cycles with a message next to the field).
  const parents = team.can.edit
    ? (await pageRead(() => listTeams(actor, { limit: 100 }), `/${slug}${path}`)).items.filter((t) => t.id !== team.id && !team.children.some((c) => c.id === t.id))
    : [];

  const orgBase = `/${actor.org.slug}`;
  const base = `${orgBase}/teams/${team.slug}`;
  const row = (m: TeamMember): TeamMemberRow => {
    const you = m.id === actor.viewer.id;
    return {
      ...m,
      ...(you ? { you: true as const, removable: true as const } : {}),
      ...(team.can.manageMembers ? { manageable: true as const, removable: true as const } : {}),
    };
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`${orgBase}/teams`} className="text-indigo-700 hover:underline">
          Teams
        </Link>
      </nav>
      <PageHeader
        title={team.name}
        description={
          <>
            <span className="break-all">@{team.slug}</span>
            {team.parent && (
              <>
                {" · inside "}
                <Link href={`${orgBase}/teams/${team.parent.slug}`} className="text-indigo-700 hover:underline">
                  {team.parent.name}
                </Link>
              </>
            )}
            {team.description && <span className="mt-1 block break-words text-slate-700">{team.description}</span>}
          </>
        }
      />
      {searchParam(search.created) && (
        <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          Team created. You are its first maintainer: add people below, then give the team access from a project&apos;s Access tab.
        </p>
      )}
      <div className="space-y-6">
        <Card title="Members" description="Their team role, and their role in the organization.">
          {members.items.length === 0 ? (
            <EmptyState icon={Users} title="Nobody is on this team" description={team.can.manageMembers ? "Add organization members by email below." : "A maintainer of the team, an owner or an admin adds people."} />
          ) : (
            <TeamMembers
              rows={members.items.map(row)}
              orgSlug={actor.org.slug}
              teamSlug={team.slug}
              teamName={team.name}
              changeRoleAction={changeTeamRoleAction}
              removeAction={removeTeamMemberAction}
            />
          )}
          {(cursor || members.nextCursor) && <CursorPager firstHref={cursor ? base : null} nextHref={members.nextCursor ? `${base}?cursor=${encodeURIComponent(members.nextCursor)}` : null} />}
          {team.can.manageMembers && (
            <div className="border-t border-slate-200 pt-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">Add someone</h3>
              <AddTeamMemberForm orgSlug={actor.org.slug} teamSlug={team.slug} />
            </div>
          )}
        </Card>

        <Card title="Projects" description="What members of this team can reach through it, with the role. Access given to a parent team counts too.">
          {projects.length === 0 ? (
            <EmptyState icon={FolderKanban} title="This team has no project access" description="A project admin gives a team access on the project's Access tab." />
          ) : (
            <ul aria-label={`Projects of ${team.name}`} className="divide-y divide-slate-200">
              {projects.map((p) => (
                <li key={p.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4">
                  <div className="min-w-0 flex-1">
                    <Link href={`${orgBase}/projects/${p.slug}`} className="font-medium break-words text-indigo-700 hover:underline">
                      {p.name}
                    </Link>
                    {p.via.id !== team.id && <p className="text-sm text-slate-600">Through the parent team {p.via.name}</p>}
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <Badge tone="indigo">{ROLE_LABELS.project[p.role as ProjectRole]}</Badge>
                    <Badge tone="neutral">{VISIBILITY_LABELS.project[p.visibility as ProjectVisibility]}</Badge>
                    {p.archived && <Badge tone="amber">Archived</Badge>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Child teams" description="Their members also receive this team's project access.">
          {team.children.length === 0 ? (
            <p className="text-sm text-slate-600">{team.can.edit ? "None. To nest a team here, choose this team as its parent in that team's settings." : "None."}</p>
          ) : (
            <ul className="flex flex-wrap gap-2">
              {team.children.map((c) => (
                <li key={c.id}>
                  <Link href={`${orgBase}/teams/${c.slug}`} className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-3 py-1.5 text-sm text-indigo-700 hover:bg-slate-50">
                    <UsersRound className="size-4" aria-hidden="true" /> {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>

        {team.can.edit && (
          <Card title="Settings">
            <TeamForm
              action={updateTeamAction}
              orgSlug={actor.org.slug}
              team={{ name: team.name, slug: team.slug, description: team.description, parent: team.parent?.slug ?? "" }}
              parents={parents}
              submitLabel="Save team"
              pendingLabel="Saving…"
            />
          </Card>
        )}
        {team.can.delete && (
          <Card tone="danger" title="Delete this team" description="Its memberships and project access go with it; child teams move to the top level. This cannot be undone.">
            <TypeToConfirmDialog
              triggerLabel="Delete team"
              title={`Delete ${team.name}?`}
              description={`Everyone on it loses the project access ${team.name} gives, on their next request.`}
              confirmText={team.slug}
              inputName="confirm"
              submitLabel="Delete this team"
              action={deleteTeamAction}
              hiddenFields={{ currentSlug: actor.org.slug, teamSlug: team.slug }}
            />
          </Card>
        )}
      </div>
    </>
  );
}
