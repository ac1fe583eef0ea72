import type { Metadata } from "next";
import Link from "next/link";
import { FolderKanban } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/table";
import { PROJECT_VISIBILITIES, can, type ProjectVisibility } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listProjects } from "@/lib/projects/service";
import { listTeams } from "@/lib/teams/service";
import { createProjectAction } from "./actions";
import { ProjectRoleBadge, VisibilityBadge } from "./badges";
import { ProjectFilters } from "./filters";
import { ProjectForm } from "./project-form";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Projects" };

type Search = Record<"query" | "visibility" | "team" | "archived" | "cursor" | "deleted", string | string[] | undefined>;
export default async function ProjectsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Partial<Search>> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/projects");
  const query = searchParam(search.query).trim().slice(0, 100);
  const visibility = (PROJECT_VISIBILITIES as readonly string[]).includes(searchParam(search.visibility)) ? (searchParam(search.visibility) as ProjectVisibility) : undefined;
  const team = searchParam(search.team).slice(0, 100);
  const archived = searchParam(search.archived) === "true" ? "true" : "";
  const cursor = searchParam(search.cursor) || undefined;
  const filters = { query: query || undefined, visibility, team: team || undefined, archived: archived === "true" ? ("true" as const) : undefined };
  const creates = can(actor.principal, "project.create");
  const [page, teams] = await pageRead(
    () =>
      Promise.all([
        // An unknown team, too, falls back to the first page without it.
        orFirstPage(listProjects(actor, { ...filters, cursor }), () => listProjects(actor, { ...filters, team: undefined })),
        // Outside collaborators see their projects, never the organization's teams.
        can(actor.principal, "org.view") ? listTeams(actor, { limit: 100 }) : { items: [], nextCursor: null },
      ]),
    `/${slug}/projects`,
  );

  const base = `/${actor.org.slug}/projects`;
  const href = (next?: string) => {
    const q = new URLSearchParams(Object.entries({ query, visibility, team, archived, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const filtered = Boolean(query || visibility || team || archived);
  const deleted = searchParam(search.deleted);

  return (
    <>
      <PageHeader
        title="Projects"
        description={`The projects of ${actor.org.name} you can see.`}
        actions={
          creates ? (
            <a href="#new-project" className={buttonStyles({})}>
              New project
            </a>
          ) : undefined
        }
      />
      {deleted && (
        <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          Project <b className="font-medium break-all">{deleted}</b> deleted.
        </p>
      )}
      <ProjectFilters query={query} visibility={visibility ?? ""} team={team} archived={archived} teams={teams.items} clearHref={filtered ? base : null} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={FolderKanban}
          title={filtered ? "No projects match these filters" : "No projects yet"}
          description={
            filtered
              ? "Search matches part of a project's name, slug or a tag. Clear the filters to see every project you can reach."
              : creates
                ? "Create the first project below. Internal projects are open to every member; give teams or people access on a project's Access tab."
                : "Projects you are given access to appear here. Ask an owner or admin of the organization for access."
          }
          action={
            filtered ? (
              <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                Show all projects
              </Link>
            ) : undefined
          }
        />
      ) : (
        <ul aria-label="Projects" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white shadow-sm">
          {page.items.map((p) => (
            <li key={p.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:gap-4">
              <div className="min-w-0 flex-1">
                <Link href={`${base}/${p.slug}`} className="font-medium break-words text-indigo-700 hover:underline">
                  {p.name}
                </Link>
                <span className="ml-2 text-sm break-all text-slate-600">{p.slug}</span>
                {p.description && <p className="mt-1 text-sm break-words text-slate-700">{p.description}</p>}
                {p.tags.length > 0 && (
                  <ul aria-label={`Tags of ${p.name}`} className="mt-2 flex flex-wrap gap-1">
                    {p.tags.map((tag) => (
                      <li key={tag}>
                        <Badge tone="neutral">{tag}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <VisibilityBadge visibility={p.visibility} orgVisibility={actor.org.visibility} />
                {p.archived && <Badge tone="amber">Archived</Badge>}
                <span className="sr-only">Your role:</span>
                <ProjectRoleBadge role={p.role} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {(cursor || page.nextCursor) && <CursorPager firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />}
      {creates && (
        <div id="new-project" className="mt-8 scroll-mt-4">
          <Card title="New project">
            <ProjectForm
              action={createProjectAction}
              orgSlug={actor.org.slug}
              orgIsPublic={actor.org.visibility === "public"}
              submitLabel="Create project"
              pendingLabel="Creating…"
            />
          </Card>
        </div>
      )}
    </>
  );
}
