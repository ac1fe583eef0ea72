import type { Metadata } from "next";
import { ButtonForm } from "@/components/ui/button-form";
import { Card } from "@/components/ui/card";
import { TypeToConfirmDialog } from "@/components/ui/confirm-dialog";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { getProject } from "@/lib/projects/service";
import { listRunTokens } from "@/lib/runs/tokens";
import { RelativeTime } from "@/components/ui/time";
import { createRunTokenAction, revokeRunTokenAction } from "../runs/actions";
import { RunTokens } from "./run-tokens";
import { archiveProjectAction, deleteProjectAction, unarchiveProjectAction, updateProjectAction } from "../../actions";
import { ProjectForm } from "../../project-form";
import { ProjectHeader } from "../project-header";

type Props = { params: Promise<{ org: string; project: string }> };

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: Props) {
  const { org: slug, project: projectSlug } = await params;
  const path = `/projects/${projectSlug}/settings`;
  const actor = await orgActorFor(slug, path);
  const project = await pageRead(() => getProject(actor, projectSlug), `/${slug}${path}`);
  const fields = { currentSlug: actor.org.slug, projectSlug: project.slug };
  // Run tokens are for writers (an archived project has none to make).
  const tokens = project.can.write ? (await pageRead(() => listRunTokens(actor, projectSlug), `/${slug}${path}`)).items : null;

  return (
    <>
      <ProjectHeader actor={actor} project={project} current="settings" />
      <div className="space-y-6">
        <Card title="General" description={project.can.admin ? undefined : "Only project admins change these settings."}>
          <ProjectForm
            action={updateProjectAction}
            orgSlug={actor.org.slug}
            orgIsPublic={actor.org.visibility === "public"}
            project={{ name: project.name, slug: project.slug, description: project.description, tags: project.tags.join(", "), visibility: project.visibility }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            disabled={!project.can.admin || project.archived}
          />
        </Card>
        {tokens && (
          <Card title="Run tokens" description="For training code and CI: send one as a Bearer token to this project's runs API. It creates, updates and reads this project's runs, nothing else, for as long as its creator keeps write access here.">
            <RunTokens
              rows={tokens.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, createdBy: t.createdBy, created: <RelativeTime date={t.createdAt} />, lastUsed: t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : null }))}
              fields={fields}
              createAction={createRunTokenAction}
              revokeAction={revokeRunTokenAction}
            />
          </Card>
        )}
        {project.can.admin && (
          <Card
            title={project.archived ? "Unarchive this project" : "Archive this project"}
            description={
              project.archived
                ? "Makes the project writable again. Everyone keeps the access they had."
                : "Makes the project read-only for everyone; its access stays as it is. You can unarchive it at any time."
            }
          >
            <ButtonForm
              action={project.archived ? unarchiveProjectAction : archiveProjectAction}
              fields={fields}
              label={project.archived ? "Unarchive project" : "Archive project"}
              pendingLabel={project.archived ? "Unarchiving…" : "Archiving…"}
              size="md"
            />
          </Card>
        )}
        {project.can.delete && (
          <Card tone="danger" title="Delete this project" description="Deletes the project, its runs and everyone's access to it. This cannot be undone.">
            <TypeToConfirmDialog
              triggerLabel="Delete project"
              title={`Delete ${project.name}?`}
              description="Everything in it is deleted for everyone. The audit trail of the deletion is kept."
              confirmText={project.slug}
              inputName="confirm"
              submitLabel="Delete this project"
              action={deleteProjectAction}
              hiddenFields={fields}
            />
          </Card>
        )}
      </div>
    </>
  );
}
