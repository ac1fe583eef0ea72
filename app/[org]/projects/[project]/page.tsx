import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ROLE_LABELS, type OrgVisibility, type ProjectVisibility } from "@/lib/authz";
import { orgVisitorFor, pageRead } from "@/lib/http/pages";
import { getProject } from "@/lib/projects/service";
import { describeSource } from "../sources";
import { ProjectHeader } from "./project-header";

type Props = { params: Promise<{ org: string; project: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).project };
}

/** Who can read the project, in words, with the reason when the organization caps it. */
function visibilityText(visibility: ProjectVisibility, org: OrgVisibility): string {
  if (visibility === "private") return "Private: owners and admins of the organization, and the people and teams given access, can see it.";
  if (visibility === "internal") return "Internal: every member of the organization can read it (members can also write), besides the people and teams given access.";
  if (org === "private") {
    return "Public, but the organization is private, so it counts as internal: members of the organization can read it and nobody outside can. It becomes readable by anyone if an owner makes the organization public.";
  }
  return "Public: anyone can read it, signed in or not. Writing still needs a role on the project.";
}

export default async function ProjectOverviewPage({ params, searchParams }: Props) {
  const { org: slug, project: projectSlug } = await params;
  const path = `/projects/${projectSlug}`;
  const actor = await orgVisitorFor(slug, path);
  const project = await pageRead(() => getProject(actor, projectSlug), `/${slug}${path}`);
  const created = (await searchParams).created;

  return (
    <>
      <ProjectHeader actor={actor} project={project} current="overview" />
      {created && (
        <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          Project created. Give teams and people access on the Access tab.
        </p>
      )}
      <div className="space-y-6">
        <Card title="About">
          <p className="text-sm break-words text-slate-700">{project.description || "No description yet."}</p>
          {project.tags.length > 0 && (
            <ul aria-label="Tags" className="flex flex-wrap gap-1">
              {project.tags.map((tag) => (
                <li key={tag}>
                  <Badge tone="neutral">{tag}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Who can see it">
          <p className="text-sm text-slate-700">{visibilityText(project.visibility, actor.org.visibility)}</p>
        </Card>
        {actor.viewer && (
          <Card title="Your access">
            {project.access.role ? (
              <>
                <p className="text-sm text-slate-700">
                  You have <b className="font-semibold text-slate-900">{ROLE_LABELS.project[project.access.role]}</b> access, the highest of:
                </p>
                <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
                  {project.access.sources.map((source, i) => (
                    <li key={i}>
                      {ROLE_LABELS.project[source.role]}: {describeSource(source)}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-sm text-slate-700">You have no role on this project.</p>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
