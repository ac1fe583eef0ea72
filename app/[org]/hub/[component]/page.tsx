import type { Metadata } from "next";
import Link from "next/link";
import { GitCompare, Layers, Tag } from "lucide-react";
import { AtLookup, isoFromLocal, localNow, type AtAnswer } from "@/components/pointers/at-lookup";
import { PointerHistoryTable } from "@/components/pointers/history-table";
import { PointerMovesForm } from "@/components/pointers/moves-form";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { TypeToConfirmDialog } from "@/components/ui/confirm-dialog";
import { fieldControlStyles } from "@/components/ui/field";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { can } from "@/lib/authz";
import { AppError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { componentTagEvents, diffVersions, getComponent, getVersion, tagHistory } from "@/lib/hub/service";
import { componentUsage } from "@/lib/hub/usage";
import { runLabel } from "@/components/runs/run-display";
import { deleteComponentAction, moveTagsAction, pushVersionAction } from "../actions";
import { SpecDiffView } from "./spec-diff";
import { SpecView } from "./spec-view";
import { UploadVersionForm } from "./upload-form";
import { searchParam } from "@/lib/http/search-params";

type Search = Partial<Record<"version" | "from" | "to" | "pointer" | "at", string | string[]>>;
type Props = { params: Promise<{ org: string; component: string }>; searchParams: Promise<Search> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Component ${(await params).component}` };
}

const orError = <T,>(read: Promise<T>) =>
  read.catch((error) => {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  });

export default async function ComponentPage({ params, searchParams }: Props) {
  const { org: slug, component: name } = await params;
  const search = await searchParams;
  const path = `/hub/${name}`;
  const actor = await orgActorFor(slug, path);
  const [component, events, usage] = await pageRead(() => Promise.all([getComponent(actor, name), componentTagEvents(actor, name), componentUsage(actor, name)]), `/${slug}${path}`);
  const numbers = component.versions.map((v) => v.number);
  const shown = numbers.includes(Number(searchParam(search.version))) ? Number(searchParam(search.version)) : (component.pointers.find((t) => t.name === "stable")?.version ?? component.latestVersion);
  const diffFrom = Number(searchParam(search.from)) || (numbers[1] ?? 0);
  const diffTo = Number(searchParam(search.to)) || (numbers[0] ?? 0);
  const comparing = search.from !== undefined && search.to !== undefined;

  const known = [...new Set([...component.pointers.map((t) => t.name), ...events.map((e) => e.tag)])].sort();
  const pointer = known.includes(searchParam(search.pointer)) ? searchParam(search.pointer) : (known[0] ?? "");
  const atLocal = searchParam(search.at);
  const at = isoFromLocal(atLocal);

  const [version, diff, lookup] = await Promise.all([
    shown ? pageRead(() => getVersion(actor, component.name, String(shown)), `/${slug}${path}`) : null,
    comparing ? orError(diffVersions(actor, component.name, { from: String(diffFrom), to: String(diffTo) })) : null,
    search.at !== undefined && pointer
      ? at
        ? orError(tagHistory(actor, component.name, pointer, { at }).then((h) => ({ pointer, at: at.replace("T", " ").replace("Z", ""), version: h.version })))
        : { error: "Give a date and a time, e.g. 2026-03-01 12:00." }
      : null,
  ]);

  const { principal } = actor;
  const pushes = can(principal, "hub.version.push");
  const movesTags = can(principal, "hub.tag.move");
  const deletes = can(principal, "hub.delete", { isCreator: component.createdById === actor.viewer.id });
  const orgBase = `/${actor.org.slug}`;
  const base = `${orgBase}/hub/${component.name}`;
  const hidden = { currentSlug: actor.org.slug, component: component.name };
  const tagsOf = (n: number) => component.pointers.filter((t) => t.version === n);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`${orgBase}/hub`} className="text-indigo-700 hover:underline">
          Component hub
        </Link>
      </nav>
      <PageHeader
        title={component.name}
        description={
          <span className="block space-y-1">
            {component.description && <span className="block break-words text-slate-700">{component.description}</span>}
            <span className="flex flex-wrap items-center gap-2">
              {component.tags.map((tag) => (
                <Badge key={tag} tone="neutral">
                  {tag}
                </Badge>
              ))}
              <span>
                {component.latestVersion ? `${component.versions.length} version${component.versions.length === 1 ? "" : "s"}` : "No versions yet"} · created <RelativeTime date={component.createdAt} />
                {component.createdBy && ` by ${component.createdBy}`}
              </span>
            </span>
          </span>
        }
        actions={
          pushes ? (
            <a href="#upload" className={buttonStyles({})}>
              Upload a version
            </a>
          ) : undefined
        }
      />
      <div className="space-y-6">
        {version ? (
          <Card
            title={
              <span className="flex flex-wrap items-center gap-2">
                Version {version.number}
                {tagsOf(version.number).map((t) => (
                  <Badge key={t.name} tone="indigo">
                    {t.name}
                  </Badge>
                ))}
              </span>
            }
            description={
              <>
                Uploaded <RelativeTime date={version.createdAt} />
                {version.createdBy && ` by ${version.createdBy}`} · <code className="break-all">{version.digest}</code>
              </>
            }
          >
            <SpecView spec={version.spec} version={version.number} />
            <details className="text-sm">
              <summary className="cursor-pointer text-indigo-700 hover:underline">The YAML as uploaded</summary>
              <pre tabIndex={0} className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
                {version.source}
              </pre>
            </details>
          </Card>
        ) : (
          <EmptyState
            icon={Layers}
            title="No versions yet"
            description={pushes ? "Upload the component's YAML spec below: its inputs, outputs and container." : "An owner or admin uploads the component's first version."}
          />
        )}

        <Card title="README">
          {component.readme ? (
            <div className="max-h-[32rem] overflow-auto text-sm break-words whitespace-pre-wrap text-slate-800">{component.readme}</div>
          ) : (
            <p className="text-sm text-slate-600">No README yet.</p>
          )}
        </Card>

        <Card title="Versions" description="Immutable and content-addressed: the digest is that of the normalized spec.">
          <DataTable
            caption="Versions"
            columns={[
              { key: "version", header: "Version", cardLabel: false },
              { key: "digest", header: "Digest" },
              { key: "uploaded", header: "Uploaded" },
              { key: "runs", header: "Used by" },
            ]}
            rows={component.versions.map((v) => ({
              key: String(v.number),
              cells: {
                version: (
                  <span className="flex flex-wrap items-center gap-2">
                    <Link href={`${base}?version=${v.number}`} aria-current={v.number === shown ? "true" : undefined} className="font-medium text-indigo-700 hover:underline">
                      Version {v.number}
                    </Link>
                    {tagsOf(v.number).map((t) => (
                      <Badge key={t.name} tone="indigo">
                        {t.name}
                      </Badge>
                    ))}
                  </span>
                ),
                digest: <code className="text-xs break-all" title={v.digest}>{`${v.digest.slice(0, 19)}…`}</code>,
                runs: usage[v.number] ? (
                  <span className="block min-w-0">
                    <span className="block">
                      {usage[v.number].runs.toLocaleString("en")} run{usage[v.number].runs === 1 ? "" : "s"}
                    </span>
                    {usage[v.number].latest.map((r) => (
                      <Link key={`${r.project.slug}-${r.number}`} href={`${orgBase}/projects/${r.project.slug}/runs/${r.number}`} className="block break-all text-indigo-700 hover:underline">
                        {r.project.name} {runLabel(r)}
                      </Link>
                    ))}
                  </span>
                ) : (
                  <span className="text-slate-600">No runs yet</span>
                ),
                uploaded: (
                  <span className="whitespace-nowrap">
                    <RelativeTime date={v.createdAt} />
                    {v.createdBy && <span className="block text-slate-600">by {v.createdBy}</span>}
                  </span>
                ),
              },
            }))}
            empty={<p className="text-sm text-slate-600">None yet.</p>}
          />
        </Card>

        {numbers.length > 1 && (
          <Card title="Compare versions" description="Inputs and outputs added, removed or changed, their types and defaults, and the container.">
            <form method="get" aria-label="Compare versions" className="flex flex-wrap items-end gap-3">
              {(
                [
                  ["from", "From", diffFrom],
                  ["to", "To", diffTo],
                ] as const
              ).map(([field, label, value]) => (
                <div key={field} className="w-full space-y-1.5 sm:w-40">
                  <label htmlFor={`diff-${field}`} className="block text-sm font-medium text-slate-900">
                    {label}
                  </label>
                  <select id={`diff-${field}`} name={field} defaultValue={String(value)} className={fieldControlStyles({})}>
                    {numbers.map((n) => (
                      <option key={n} value={n}>{`Version ${n}`}</option>
                    ))}
                  </select>
                </div>
              ))}
              <button type="submit" className={buttonStyles({ variant: "secondary" })}>
                <GitCompare className="size-4" aria-hidden="true" />
                Compare
              </button>
            </form>
            {diff && ("error" in diff ? <p role="alert" className="text-sm text-red-700">{diff.error}</p> : <SpecDiffView from={diff.from} to={diff.to} diff={diff.diff} />)}
          </Card>
        )}

        <Card title="Tags" description="Movable names such as stable or latest; every move is kept.">
          <DataTable
            caption="Tags"
            columns={[
              { key: "tag", header: "Tag", cardLabel: false },
              { key: "version", header: "Points to" },
              { key: "moved", header: "Moved" },
            ]}
            rows={component.pointers.map((t) => ({
              key: t.name,
              cells: {
                tag: <span className="font-medium break-all text-slate-900">{t.name}</span>,
                version: (
                  <Link href={`${base}?version=${t.version}`} className="text-indigo-700 hover:underline">
                    Version {t.version}
                  </Link>
                ),
                moved: <RelativeTime date={t.movedAt} />,
              },
            }))}
            empty={<EmptyState icon={Tag} title="No tags yet" description={movesTags && numbers.length ? "Tag a version below, e.g. stable." : "Owners and admins tag versions, e.g. stable."} />}
          />
          {movesTags && numbers.length > 0 && (
            <div className="border-t border-slate-200 pt-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">Move tags</h3>
              <PointerMovesForm action={moveTagsAction} fields={hidden} pointers={component.pointers} versions={numbers} prefix="" noun="tag" />
            </div>
          )}
        </Card>

        <Card title="Tag history" description="Who moved which tag, when, and why.">
          {known.length > 0 && <AtLookup names={known} prefix="" pointer={pointer} at={atLocal || localNow()} answer={lookup as AtAnswer | null} />}
          <PointerHistoryTable
            caption="Tag moves"
            prefix=""
            events={events.map((e) => ({ pointer: e.tag, from: e.from, to: e.to, actor: e.actor, reason: e.reason, at: e.at }))}
            emptyText="When someone moves a tag, it is recorded here with their name and reason."
          />
        </Card>

        {pushes && (
          <div id="upload" className="scroll-mt-4">
            <Card title="Upload a version" description="Validated on upload: a mistake is shown at its line, and nothing is stored until the spec is right.">
              <UploadVersionForm action={pushVersionAction} fields={hidden} latest={version?.source ?? ""} />
            </Card>
          </div>
        )}

        {deletes && (
          <Card tone="danger" title="Delete this component" description="Its versions, tags and their history go with it. This cannot be undone.">
            <TypeToConfirmDialog
              triggerLabel="Delete component"
              title={`Delete ${component.name}?`}
              description={`${component.versions.length} version${component.versions.length === 1 ? "" : "s"} and every tag are deleted for good.`}
              confirmText={component.name}
              inputName="confirm"
              submitLabel="Delete this component"
              action={deleteComponentAction}
              hiddenFields={hidden}
            />
          </Card>
        )}
      </div>
    </>
  );
}
