import type { Metadata } from "next";
import Link from "next/link";
import { Layers, Tag } from "lucide-react";
import { AtLookup, isoFromLocal, localNow, type AtAnswer } from "@/components/pointers/at-lookup";
import { PointerHistoryTable } from "@/components/pointers/history-table";
import { PointerMovesForm } from "@/components/pointers/moves-form";
import { runLabel } from "@/components/runs/run-display";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { TypeToConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatBytes, formatValue } from "@/components/ui/format";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { can } from "@/lib/authz";
import { AppError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { aliasHistory, getModel, modelAliasEvents, type ModelAlias, type ModelVersion } from "@/lib/registry/service";
import { listTeams } from "@/lib/teams/service";
import { deleteModelAction, moveAliasesAction, protectAliasAction } from "../actions";
import { ProtectAliasForm } from "./protect-form";
import { searchParam } from "@/lib/http/search-params";

type Props = { params: Promise<{ org: string; model: string }>; searchParams: Promise<{ pointer?: string | string[]; at?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Model ${(await params).model}` };
}

type Artifact = { path: string; digest: string; size: number };
const artifactsOf = (v: ModelVersion) => (Array.isArray(v.artifacts) ? (v.artifacts as Artifact[]) : []);
const entriesOf = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : []);

function protectionNote(alias: ModelAlias) {
  if (!alias.protected) return undefined;
  return `Protected: only owners${alias.team ? `, admins and members of ${alias.team.name}` : " and admins"} may move it.`;
}

export default async function ModelPage({ params, searchParams }: Props) {
  const { org: slug, model: modelName } = await params;
  const search = await searchParams;
  const path = `/registry/${modelName}`;
  const actor = await orgActorFor(slug, path);
  const { principal } = actor;
  const protects = can(principal, "registry.alias.protect");
  const [model, events, teams] = await pageRead(
    () => Promise.all([getModel(actor, modelName), modelAliasEvents(actor, modelName), protects ? listTeams(actor, { limit: 100 }) : { items: [], nextCursor: null }]),
    `/${slug}${path}`,
  );

  // Every alias the history knows, current or removed since, for the lookup.
  const known = [...new Set([...model.aliases.map((a) => a.name), ...events.map((e) => e.alias)])].sort();
  const pointer = known.includes(searchParam(search.pointer)) ? searchParam(search.pointer) : (known[0] ?? "");
  const atLocal = searchParam(search.at);
  let answer: AtAnswer | null = null;
  if (search.at !== undefined && pointer) {
    const at = isoFromLocal(atLocal);
    answer = at
      ? await aliasHistory(actor, model.name, pointer, { at }).then(
          (h) => ({ pointer, at: at.replace("T", " ").replace("Z", ""), version: h.version }),
          (error) => {
            if (error instanceof AppError) return { error: error.message };
            throw error;
          },
        )
      : { error: "Give a date and a time, e.g. 2026-03-01 12:00." };
  }

  const orgBase = `/${actor.org.slug}`;
  const moves = can(principal, "registry.alias.move", { alias: "", protected: false, teamName: null, inTeam: false });
  const deletes = can(principal, "registry.delete", { isCreator: model.createdById === actor.viewer.id });
  const hidden = { currentSlug: actor.org.slug, model: model.name };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`${orgBase}/registry`} className="text-indigo-700 hover:underline">
          Model registry
        </Link>
      </nav>
      <PageHeader
        title={model.name}
        description={
          <span className="block space-y-1">
            {model.description && <span className="block break-words text-slate-700">{model.description}</span>}
            <span className="flex flex-wrap items-center gap-2">
              {model.tags.map((tag) => (
                <Badge key={tag} tone="neutral">
                  {tag}
                </Badge>
              ))}
              {model.ownerTeam && (
                <span>
                  Owned by{" "}
                  <Link href={`${orgBase}/teams/${model.ownerTeam.slug}`} className="text-indigo-700 underline">
                    {model.ownerTeam.name}
                  </Link>
                </span>
              )}
              <span>
                Created <RelativeTime date={model.createdAt} />
                {model.createdBy && ` by ${model.createdBy}`}
              </span>
            </span>
          </span>
        }
      />
      <div className="space-y-6">
        <Card title="Aliases" description="Movable names for a version. Deployments read @production rather than a number; every move is kept below.">
          <DataTable
            caption="Aliases"
            columns={[
              { key: "alias", header: "Alias", cardLabel: false },
              { key: "version", header: "Points to" },
              { key: "moved", header: "Moved" },
              { key: "protection", header: "Who may move it" },
              ...(protects ? [{ key: "actions", header: "Actions", className: "md:text-right", cardLabel: false }] : []),
            ]}
            rows={model.aliases.map((a) => ({
              key: a.name,
              cells: {
                alias: (
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium break-all text-slate-900">@{a.name}</span>
                    {a.protected && <Badge tone="amber">Protected</Badge>}
                  </span>
                ),
                version: (
                  <a href={`#version-${a.version}`} className="text-indigo-700 hover:underline">
                    Version {a.version}
                  </a>
                ),
                moved: <RelativeTime date={a.movedAt} />,
                protection: a.protected ? (a.team ? `Owners, admins and ${a.team.name}` : "Owners and admins") : "Every member",
                actions: <ProtectAliasForm action={protectAliasAction} fields={hidden} alias={a.name} isProtected={a.protected} teams={teams.items} />,
              },
            }))}
            empty={
              <EmptyState
                icon={Tag}
                title="No aliases yet"
                description={model.versions.length ? "Point an alias such as production or staging at a version below." : "Aliases point at versions: register a version first."}
              />
            }
          />
          {moves && model.versions.length > 0 && (
            <div className="border-t border-slate-200 pt-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">Move aliases</h3>
              <PointerMovesForm
                action={moveAliasesAction}
                fields={hidden}
                pointers={model.aliases.map((a) => ({ name: a.name, version: a.version, protected: a.protected, note: protectionNote(a) }))}
                versions={model.versions.map((v) => v.number)}
                prefix="@"
                noun="alias"
              />
            </div>
          )}
        </Card>

        <Card title="Alias history" description="Who moved which alias, when, and why. The history is append-only.">
          {known.length > 0 && <AtLookup names={known} prefix="@" pointer={pointer} at={atLocal || localNow()} answer={answer} />}
          <PointerHistoryTable
            caption="Alias moves"
            prefix="@"
            events={events.map((e) => ({ pointer: e.alias, from: e.from, to: e.to, actor: e.actor, reason: e.reason, at: e.at }))}
            emptyText="When someone moves an alias, it is recorded here with their name and reason."
          />
        </Card>

        <Card title="Versions" description="Immutable: each keeps the inputs, outputs and artifact digests it was registered with, to trace it back and reproduce it.">
          <DataTable
            caption="Versions"
            columns={[
              { key: "version", header: "Version", cardLabel: false },
              { key: "source", header: "Lineage" },
              { key: "outputs", header: "Outputs" },
              { key: "artifacts", header: "Artifacts" },
              { key: "registered", header: "Registered" },
            ]}
            rows={model.versions.map((v) => {
              const artifacts = artifactsOf(v);
              const outputs = entriesOf(v.outputs);
              const aliases = model.aliases.filter((a) => a.version === v.number);
              return {
                key: String(v.number),
                cells: {
                  version: (
                    <span id={`version-${v.number}`} className="block min-w-0 scroll-mt-4">
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-slate-900">Version {v.number}</span>
                        {aliases.map((a) => (
                          <Badge key={a.name} tone="indigo">
                            @{a.name}
                          </Badge>
                        ))}
                      </span>
                      {v.description && <span className="mt-0.5 block max-w-prose break-words text-slate-600">{v.description}</span>}
                      <VersionRecord version={v} artifacts={artifacts} />
                    </span>
                  ),
                  source: <VersionLineage version={v} orgSlug={actor.org.slug} />,
                  outputs: outputs.length ? (
                    <span className="block">
                      {outputs.slice(0, 3).map(([k, value]) => (
                        <span key={k} className="block break-all">
                          {k}: <b className="font-medium text-slate-900">{formatValue(value)}</b>
                        </span>
                      ))}
                      {outputs.length > 3 && <span className="block text-slate-600">and {outputs.length - 3} more</span>}
                    </span>
                  ) : (
                    <span className="text-slate-600">None</span>
                  ),
                  artifacts: artifacts.length ? `${artifacts.length} · ${formatBytes(artifacts.reduce((s, a) => s + a.size, 0))}` : <span className="text-slate-600">None</span>,
                  registered: (
                    <span className="whitespace-nowrap">
                      <RelativeTime date={v.createdAt} />
                      {v.createdBy && <span className="block text-slate-600">by {v.createdBy}</span>}
                    </span>
                  ),
                },
              };
            })}
            empty={
              <EmptyState
                icon={Layers}
                title="No versions yet"
                description="An owner or admin promotes a run to this model from the run's page (Promote to registry), or registers a version through the API."
              />
            }
          />
        </Card>

        {deletes && (
          <Card tone="danger" title="Delete this model" description="Its versions, aliases and their history go with it, and anything that reads its aliases stops finding them. This cannot be undone.">
            <TypeToConfirmDialog
              triggerLabel="Delete model"
              title={`Delete ${model.name}?`}
              description={`${model.versions.length} version${model.versions.length === 1 ? "" : "s"} and ${model.aliases.length} alias${model.aliases.length === 1 ? "" : "es"} are deleted for good.`}
              confirmText={model.name}
              inputName="confirm"
              submitLabel="Delete this model"
              action={deleteModelAction}
              hiddenFields={hidden}
            />
          </Card>
        )}
      </div>
    </>
  );
}

/** Where the version came from: the run and project it was promoted from (kept after the run is purged). */
function VersionLineage({ version, orgSlug }: { version: ModelVersion; orgSlug: string }) {
  const source = version.source;
  if (!source) return <span className="text-slate-600">Registered directly</span>;
  const run = runLabel({ number: source.runNumber, name: source.runName });
  return (
    <span className="block min-w-0">
      {source.runExists ? (
        <Link href={`/${orgSlug}/projects/${source.projectSlug}/runs/${source.runNumber}`} className="font-medium break-all text-indigo-700 hover:underline">
          Run {run}
        </Link>
      ) : (
        <span className="font-medium break-all text-slate-900">Run {run} (purged)</span>
      )}
      <span className="block break-words text-slate-600">
        in{" "}
        <Link href={`/${orgSlug}/projects/${source.projectSlug}`} className="text-indigo-700 underline">
          {source.projectName}
        </Link>
        {source.upstream.length > 0 && `, ${source.upstream.length} upstream run${source.upstream.length === 1 ? "" : "s"}`}
      </span>
    </span>
  );
}

/** The version's full record, folded: what it was made from, to reproduce it. */
function VersionRecord({ version, artifacts }: { version: ModelVersion; artifacts: Artifact[] }) {
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-indigo-700 hover:underline">
        Inputs, outputs and artifacts<span className="sr-only">{` of version ${version.number}`}</span>
      </summary>
      <dl className="mt-2 space-y-2">
        {(["inputs", "outputs"] as const).map((key) => (
          <div key={key}>
            <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{key}</dt>
            <dd>
              <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap break-all text-slate-800">{JSON.stringify(version[key], null, 2)}</pre>
            </dd>
          </div>
        ))}
        <div>
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Artifacts</dt>
          <dd>
            {artifacts.length === 0 ? (
              "None"
            ) : (
              <ul className="mt-1 space-y-1">
                {artifacts.map((a) => (
                  <li key={a.path} className="break-all">
                    {a.path} · {formatBytes(a.size)} · <code className="text-xs">{a.digest.slice(0, 19)}…</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </details>
  );
}
