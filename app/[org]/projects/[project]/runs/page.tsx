import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { formatValue } from "@/components/ui/format";
import { CursorPager } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/time";
import { ValidationError } from "@/lib/errors";
import { orgVisitorFor, pageRead } from "@/lib/http/pages";
import { getProject } from "@/lib/projects/service";
import { listRuns } from "@/lib/runs/list";
import type { RunSummary } from "@/lib/runs/queries";
import { RUN_KIND_LABELS } from "@/lib/runs/status";
import { ProjectHeader } from "../project-header";
import { bulkRunsAction } from "./actions";
import { RunFilters, type RunFilterValues } from "./filters";
import { RunsTable, type RunRow } from "./runs-table";
import { runLabel, RunStatusBadge } from "@/components/runs/run-display";
import { searchParam } from "@/lib/http/search-params";

type Props = { params: Promise<{ org: string; project: string }>; searchParams: Promise<Partial<Record<keyof RunFilterValues | "cursor", string | string[]>>> };

export const metadata: Metadata = { title: "Runs" };

const KEYS = ["status", "kind", "tag", "creator", "sort", "metric", "show"] as const;
const SHOWN = { "": { archived: "false", deleted: "false" }, archived: { archived: "true", deleted: "false" }, all: { archived: "all", deleted: "false" }, deleted: { archived: "all", deleted: "true" } } as const;

export default async function RunsPage({ params, searchParams }: Props) {
  const { org: slug, project: projectSlug } = await params;
  const search = await searchParams;
  const path = `/projects/${projectSlug}/runs`;
  const actor = await orgVisitorFor(slug, path);
  const values = Object.fromEntries(KEYS.map((k) => [k, searchParam(search[k]).trim().slice(0, 100)])) as RunFilterValues;
  const cursor = searchParam(search.cursor) || undefined;
  const shown = SHOWN[(values.show in SHOWN ? values.show : "") as keyof typeof SHOWN];
  const query = {
    ...shown,
    ...(values.status ? { status: values.status } : {}),
    ...(values.kind ? { kind: values.kind } : {}),
    ...(values.tag ? { tag: values.tag } : {}),
    ...(values.creator ? { creator: values.creator } : {}),
    ...(values.sort ? { sort: values.sort } : {}),
    ...(values.metric ? { metric: values.metric } : {}),
  } as Parameters<typeof listRuns>[2] & object;
  let refused: string | null = null;
  const [project, page] = await pageRead(
    () =>
      Promise.all([
        getProject(actor, projectSlug),
        listRuns(actor, projectSlug, { ...query, cursor }).catch((error) => {
          // A filter that does not parse is said next to the filters, and the plain list shows.
          if (!(error instanceof ValidationError)) throw error;
          refused = Object.values(error.fields ?? {})[0] ?? error.message;
          return listRuns(actor, projectSlug, shown);
        }),
      ]),
    `/${slug}${path}`,
  );

  const base = `/${actor.org.slug}${path}`;
  const href = (next?: string) => {
    const q = new URLSearchParams(Object.entries({ ...values, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const filtered = KEYS.some((k) => values[k]);
  const metric = values.sort.endsWith("metric") ? values.metric : "";
  const outputsCell = (r: RunSummary) => {
    const entries = Object.entries(r.outputs).filter(([k]) => !metric || k === metric);
    if (!entries.length) return <span className="text-slate-600">None</span>;
    return (
      <span className="block">
        {entries.slice(0, 2).map(([k, v]) => (
          <span key={k} className="block break-all">
            {k}: <b className="font-medium text-slate-900">{formatValue(v)}</b>
          </span>
        ))}
      </span>
    );
  };
  const rows: RunRow[] = page.items.map((r) => ({
    number: r.number,
    label: runLabel(r),
    cells: {
      status: (
        <span className="flex flex-wrap gap-1">
          <RunStatusBadge status={r.status} />
          {r.archivedAt && <Badge tone="neutral">Archived</Badge>}
          {r.deletedAt && <Badge tone="red">Deleted</Badge>}
          {r.promoted && <Badge tone="indigo">Promoted</Badge>}
        </span>
      ),
      kind: RUN_KIND_LABELS[r.kind],
      tags: r.tags.length ? (
        <span className="flex flex-wrap gap-1">
          {r.tags.map((t) => (
            <Badge key={t} tone="neutral">
              {t}
            </Badge>
          ))}
        </span>
      ) : (
        <span className="text-slate-600">None</span>
      ),
      metrics: outputsCell(r),
      creator: r.viaToken ? (
        <span className="break-words">
          Token {r.viaToken}
          {r.creator && <span className="block text-slate-600">of {r.creator.name}</span>}
        </span>
      ) : (
        (r.creator?.name ?? <span className="text-slate-600">a deleted account</span>)
      ),
      created: (
        <span className="whitespace-nowrap">
          <RelativeTime date={r.createdAt} />
        </span>
      ),
    },
  }));

  return (
    <>
      <ProjectHeader actor={actor} project={project} current="runs" />
      <RunFilters values={values} clearHref={filtered ? base : null} />
      {refused && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {refused} The list below is unfiltered.
        </p>
      )}
      <RunsTable
        rows={rows}
        base={base}
        fields={{ currentSlug: actor.org.slug, projectSlug: project.slug }}
        acts={project.can.write}
        action={bulkRunsAction}
        empty={
          filtered
            ? { title: "No runs match these filters", description: "Clear the filters to see every active run." }
            : {
                title: "No runs yet",
                description: project.can.write
                  ? "Runs are created by your training code through the REST API: create a run token on the project's Settings tab and send it as a Bearer token to POST …/runs."
                  : "Runs appear here as the project's members and their clients create them.",
              }
        }
      />
      <CursorPager label="Run pages" firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
    </>
  );
}
