import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonForm } from "@/components/ui/button-form";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDialog, TypeToConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatBytes, formatValue } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { orgVisitorFor, pageRead } from "@/lib/http/pages";
import { componentOfDigest } from "@/lib/hub/usage";
import { listModels } from "@/lib/registry/service";
import { getRun, type RunLink } from "@/lib/runs/list";
import { RUN_KIND_LABELS, RUN_STATUS_LABELS } from "@/lib/runs/status";
import { archiveRunAction, deleteRunAction, promoteRunAction, purgeRunAction, restoreRunAction, stopRunAction, tagRunAction, unarchiveRunAction } from "../actions";
import { runLabel, RunStatusBadge } from "@/components/runs/run-display";
import { PromoteRunForm, TagRunForm } from "./run-forms";

type Props = { params: Promise<{ org: string; project: string; run: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run #${(await params).run.replace(/^#/, "").slice(0, 20)}` };
}

/** A JSON object as a two-column table (inputs, outputs). */
function ValuesTable({ caption, values, empty }: { caption: string; values: Record<string, unknown>; empty: string }) {
  return (
    <DataTable
      caption={caption}
      columns={[
        { key: "key", header: "Name", cardLabel: false },
        { key: "value", header: "Value" },
      ]}
      rows={Object.entries(values).map(([k, v]) => ({ key: k, cells: { key: <code className="font-medium break-all text-slate-900">{k}</code>, value: <code className="break-all">{formatValue(v)}</code> } }))}
      empty={<p className="text-sm text-slate-600">{empty}</p>}
    />
  );
}

function LinkList({ label, links, orgSlug, empty }: { label: string; links: RunLink[]; orgSlug: string; empty: string }) {
  if (!links.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {links.map((l, i) =>
        l.id === null ? (
          <li key={`hidden-${i}`} className="text-slate-600">
            A run in a project you cannot see
          </li>
        ) : (
          <li key={l.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/${orgSlug}/projects/${l.project.slug}/runs/${l.number}`} className="font-medium break-all text-indigo-700 hover:underline">
              {runLabel(l)}
            </Link>
            <span className="text-slate-600">in {l.project.name}</span>
            <RunStatusBadge status={l.status} />
          </li>
        ),
      )}
    </ul>
  );
}

export default async function RunPage({ params }: Props) {
  const { org: slug, project: projectSlug, run: ref } = await params;
  const path = `/projects/${projectSlug}/runs/${ref}`;
  const actor = await orgVisitorFor(slug, path);
  const run = await pageRead(() => getRun(actor, projectSlug, ref), `/${slug}${path}`);
  const [models, component] = await pageRead(
    () => Promise.all([run.can.promote ? listModels(actor, { limit: 100 }).then((p) => p.items.map((m) => m.name)) : [], run.componentDigest ? componentOfDigest(actor, run.componentDigest) : null]),
    `/${slug}${path}`,
  );
  const orgBase = `/${actor.org.slug}`;
  const projectBase = `${orgBase}/projects/${run.project.slug}`;
  const fields = { currentSlug: actor.org.slug, projectSlug: run.project.slug, run: String(run.number) };
  const label = runLabel(run);
  const finished = run.status === "stopped" || run.status === "succeeded" || run.status === "failed" || run.status === "lost";
  const acts = run.can.stop || run.can.archive || run.can.delete || run.can.purge;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-1 text-sm">
        <Link href={projectBase} className="text-indigo-700 hover:underline">
          {run.project.name}
        </Link>
        <span aria-hidden="true">/</span>
        <Link href={`${projectBase}/runs`} className="text-indigo-700 hover:underline">
          Runs
        </Link>
      </nav>
      <PageHeader
        title={label}
        description={
          <span className="block space-y-1">
            {run.description && <span className="block break-words text-slate-700">{run.description}</span>}
            <span className="flex flex-wrap items-center gap-2">
              <RunStatusBadge status={run.status} />
              <Badge tone="neutral">{RUN_KIND_LABELS[run.kind]}</Badge>
              {run.archivedAt && <Badge tone="neutral">Archived</Badge>}
              {run.deletedAt && <Badge tone="red">Deleted</Badge>}
              {run.tags.map((t) => (
                <Badge key={t} tone="indigo">
                  {t}
                </Badge>
              ))}
            </span>
            <span className="block">
              Created <RelativeTime date={run.createdAt} />
              {run.creator && ` by ${run.creator.name}`}
              {run.viaToken && ` through the run token ${run.viaToken}`}
              {run.startedAt && (
                <>
                  {" · started "}
                  <RelativeTime date={run.startedAt} />
                </>
              )}
              {run.finishedAt && (
                <>
                  {" · finished "}
                  <RelativeTime date={run.finishedAt} />
                </>
              )}
            </span>
          </span>
        }
      />
      {run.deletedAt && (
        <p className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          This run is deleted: it changes no more until it is restored, and a project admin may purge it for good.
        </p>
      )}
      <div className="space-y-6">
        {run.promotions.length > 0 && (
          <Card title="Promoted to the registry">
            <ul aria-label="Promotions" className="space-y-1 text-sm">
              {run.promotions.map((p) => (
                <li key={`${p.model}-${p.version}`}>
                  <Link href={`${orgBase}/registry/${p.model}#version-${p.version}`} className="font-medium text-indigo-700 hover:underline">
                    {p.model} version {p.version}
                  </Link>{" "}
                  <span className="text-slate-600">
                    <RelativeTime date={p.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}

        {acts && (
          <Card title="Actions">
            <div className="flex flex-wrap gap-2">
              {run.can.stop && !finished && !run.deletedAt && (
                <ConfirmDialog
                  triggerLabel="Stop run"
                  title={`Stop ${label}?`}
                  description="A queued or running run is asked to stop and shows Stopping until its client confirms; one that never started stops at once. A stop cannot be taken back."
                  action={stopRunAction}
                  submitLabel="Stop run"
                  pendingLabel="Stopping…"
                  hiddenFields={fields}
                />
              )}
              {run.can.archive && !run.deletedAt && (
                <ButtonForm action={run.archivedAt ? unarchiveRunAction : archiveRunAction} fields={fields} label={run.archivedAt ? "Unarchive" : "Archive"} pendingLabel="Saving…" size="md" />
              )}
              {run.can.delete &&
                (run.deletedAt ? (
                  <ButtonForm action={restoreRunAction} fields={fields} label="Restore" pendingLabel="Restoring…" size="md" />
                ) : (
                  <ConfirmDialog
                    triggerLabel="Delete run"
                    title={`Delete ${label}?`}
                    description={`It leaves the list and its ${formatBytes(run.bytes)} of artifacts count as deleted; it can be restored until a project admin purges it.`}
                    action={deleteRunAction}
                    submitLabel="Delete run"
                    pendingLabel="Deleting…"
                    hiddenFields={fields}
                  />
                ))}
              {run.can.purge && run.deletedAt && (
                <TypeToConfirmDialog
                  triggerLabel="Purge run"
                  title={`Purge ${label} for good?`}
                  description={`The run and its artifacts are removed for good and their ${formatBytes(run.bytes)} are freed. Registry versions promoted from it keep their record.`}
                  confirmText={String(run.number)}
                  inputName="confirm"
                  submitLabel="Purge this run"
                  action={purgeRunAction}
                  hiddenFields={fields}
                />
              )}
            </div>
          </Card>
        )}

        {run.can.tag && !run.deletedAt && (
          <Card title="Tags">
            <TagRunForm action={tagRunAction} fields={fields} tags={run.tags} />
          </Card>
        )}

        {run.can.promote && !run.deletedAt && (
          <Card title="Promote to registry" description="Registers a new immutable version of a model with this run's inputs, outputs and output artifacts, linked back to the run for lineage.">
            {models.length ? (
              <PromoteRunForm action={promoteRunAction} fields={fields} models={models} />
            ) : (
              <p className="text-sm text-slate-700">
                There is no model to promote to yet.{" "}
                <Link href={`${orgBase}/registry#new-model`} className="text-indigo-700 underline">
                  Create a model in the registry
                </Link>{" "}
                first.
              </p>
            )}
          </Card>
        )}

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Inputs">
            <ValuesTable caption="Inputs" values={run.inputs} empty="No inputs recorded." />
          </Card>
          <Card title="Outputs">
            <ValuesTable caption="Outputs" values={run.outputs} empty="No outputs recorded yet." />
          </Card>
        </div>

        <Card title="Artifacts" description={`${run.artifactCount.toLocaleString("en")} artifact${run.artifactCount === 1 ? "" : "s"}, ${formatBytes(run.bytes)}${run.artifactCount > run.artifacts.length ? `; the first ${run.artifacts.length} by path are shown (the API pages through all)` : ""}.`}>
          <DataTable
            caption="Artifacts"
            columns={[
              { key: "path", header: "Path", cardLabel: false },
              { key: "direction", header: "Direction" },
              { key: "kind", header: "Kind" },
              { key: "size", header: "Size" },
              { key: "digest", header: "Digest" },
            ]}
            rows={run.artifacts.map((a) => ({
              key: `${a.direction}:${a.path}`,
              cells: {
                path: <code className="font-medium break-all text-slate-900">{a.path}</code>,
                direction: a.direction === "input" ? "Input" : "Output",
                kind: a.kind,
                size: <span className="whitespace-nowrap">{formatBytes(a.size)}</span>,
                digest: <code className="text-xs break-all" title={a.digest}>{`${a.digest.slice(0, 19)}…`}</code>,
              },
            }))}
            empty={<p className="text-sm text-slate-600">No artifacts recorded.</p>}
          />
        </Card>

        <Card title="Lineage" description="The runs whose outputs this run used, and the runs that used this one's.">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Upstream</h3>
              <LinkList label="Upstream runs" links={run.upstream} orgSlug={actor.org.slug} empty="No upstream runs." />
            </div>
            <div className="space-y-2">
              <h3 className="text-sm font-semibold text-slate-900">Downstream</h3>
              <LinkList label="Downstream runs" links={run.downstream} orgSlug={actor.org.slug} empty="No run used this one yet." />
            </div>
          </div>
          {run.componentDigest && (
            <p className="text-sm text-slate-700">
              Ran{" "}
              {component ? (
                <Link href={`${orgBase}/hub/${component.name}?version=${component.version}`} className="font-medium text-indigo-700 underline">
                  {component.name} version {component.version}
                </Link>
              ) : (
                "the hub component version"
              )}{" "}
              <code className="break-all">{run.componentDigest}</code>.
            </p>
          )}
        </Card>

        <Card title="Status history">
          <DataTable
            caption="Status history"
            columns={[
              { key: "status", header: "Status", cardLabel: false },
              { key: "actor", header: "By" },
              { key: "reason", header: "Reason" },
              { key: "at", header: "When" },
            ]}
            rows={run.conditions.map((c, i) => ({
              key: String(i),
              cells: {
                status: (
                  <span className="flex flex-wrap items-center gap-1">
                    {c.from ? `${RUN_STATUS_LABELS[c.from]} →` : "Started as"} <RunStatusBadge status={c.to} />
                  </span>
                ),
                actor: c.actor ?? <span className="text-slate-600">the run&apos;s client</span>,
                reason: c.reason ? <span className="break-words">{c.reason}</span> : <span className="text-slate-600">none given</span>,
                at: (
                  <span className="whitespace-nowrap">
                    <RelativeTime date={c.at} />
                  </span>
                ),
              },
            }))}
            empty={<p className="text-sm text-slate-600">No status changes yet.</p>}
          />
        </Card>
      </div>
    </>
  );
}
