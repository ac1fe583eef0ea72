import type { Metadata } from "next";
import Link from "next/link";
import { UsersRound } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listTeams } from "@/lib/teams/service";
import { createTeamAction } from "./actions";
import { TeamFilters } from "./filters";
import { TeamForm } from "./team-form";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Teams" };

type Search = { query?: string | string[]; cursor?: string | string[]; deleted?: string | string[] };
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export default async function TeamsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/teams");
  const query = searchParam(search.query).trim().slice(0, 100);
  const cursor = searchParam(search.cursor) || undefined;
  const creates = can(actor.principal, "team.create");
  const [page, parents] = await pageRead(
    () =>
      Promise.all([
        orFirstPage(listTeams(actor, { query: query || undefined, cursor }), () => listTeams(actor, { query: query || undefined })),
        creates ? listTeams(actor, { limit: 100 }) : null,
      ]),
    `/${slug}/teams`,
  );

  const base = `/${actor.org.slug}/teams`;
  const href = (next?: string) => {
    const q = new URLSearchParams(Object.entries({ query, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const deleted = searchParam(search.deleted);

  return (
    <>
      <PageHeader
        title="Teams"
        description={`Groups of people in ${actor.org.name}. A team can be given access to projects; members of a child team also receive its parent's access.`}
        actions={
          creates ? (
            <a href="#new-team" className={buttonStyles({})}>
              New team
            </a>
          ) : undefined
        }
      />
      {deleted && (
        <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          Team <b className="font-medium break-all">{deleted}</b> deleted, with its memberships and project access.
        </p>
      )}
      <TeamFilters query={query} clearHref={query ? base : null} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={UsersRound}
          title={query ? "No teams match this search" : "No teams yet"}
          description={
            query
              ? "The search matches part of a team's name or slug."
              : creates
                ? "Create a team below, add people to it, then give it access to projects."
                : "Owners and admins create teams. Ask one of them if you need a team."
          }
          action={
            query ? (
              <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                Show all teams
              </Link>
            ) : undefined
          }
        />
      ) : (
        <ul aria-label="Teams" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white shadow-sm">
          {page.items.map((team) => (
            <li key={team.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-center sm:gap-4">
              <div className="min-w-0 flex-1">
                <Link href={`${base}/${team.slug}`} className="font-medium break-words text-indigo-700 hover:underline">
                  {team.name}
                </Link>
                <span className="ml-2 text-sm break-all text-slate-600">@{team.slug}</span>
                {team.parent && <p className="text-sm text-slate-600">Inside {team.parent.name}</p>}
                {team.description && <p className="mt-1 text-sm break-words text-slate-700">{team.description}</p>}
              </div>
              <p className="text-sm whitespace-nowrap text-slate-700">
                {count(team.members, "member", "members")} · {count(team.projects, "project", "projects")}
              </p>
            </li>
          ))}
        </ul>
      )}
      {(cursor || page.nextCursor) && <CursorPager firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />}
      {creates && parents && (
        <div id="new-team" className="mt-8 scroll-mt-4">
          <Card title="New team" description="You become its first maintainer.">
            <TeamForm action={createTeamAction} orgSlug={actor.org.slug} parents={parents.items} submitLabel="Create team" pendingLabel="Creating…" />
          </Card>
        </div>
      )}
    </>
  );
}
