import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import type { OrgActor } from "@/lib/auth/context";
import type { ProjectDetail } from "@/lib/projects/service";
import { ProjectRoleBadge, VisibilityBadge } from "../badges";
import { ProjectTabs, type ProjectTab } from "./project-tabs";

/** The project's name, badges and tabs, above each of its pages. */
export function ProjectHeader({ actor, project, current }: { actor: OrgActor; project: ProjectDetail; current: ProjectTab }) {
  const base = `/${actor.org.slug}/projects/${project.slug}`;
  const member = actor.role !== null;
  const tabs: ProjectTab[] = ["overview", "runs"];
  if (project.can.admin) tabs.push("access");
  // Writers manage the project's run tokens there.
  if (project.can.admin || project.can.delete || project.can.write) tabs.push("settings");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        {member ? (
          <Link href={`/${actor.org.slug}/projects`} className="text-indigo-700 hover:underline">
            Projects
          </Link>
        ) : actor.org.visibility === "public" ? (
          <Link href={`/${actor.org.slug}`} className="text-indigo-700 hover:underline">
            {actor.org.name}
          </Link>
        ) : (
          <span>{actor.org.name}</span>
        )}
      </nav>
      <PageHeader
        title={project.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{project.slug}</span>
            <VisibilityBadge visibility={project.visibility} orgVisibility={actor.org.visibility} />
            {project.archived && <Badge tone="amber">Archived</Badge>}
            {actor.viewer && (
              <>
                <span className="sr-only">Your role:</span>
                <ProjectRoleBadge role={project.access.role} />
              </>
            )}
          </span>
        }
      />
      {project.archived && (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          This project is archived: it is read-only until a project admin unarchives it.
        </p>
      )}
      <ProjectTabs base={base} current={current} tabs={tabs} />
    </>
  );
}
