import type { Metadata } from "next";
import Link from "next/link";
import { Download, ScrollText } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { actionName } from "@/lib/audit/actions";
import { auditFilterChoices, listAuditEvents, type AuditFilters as Filters } from "@/lib/audit/list";
import { ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { AuditFilters } from "./filters";
import { searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Audit log" };

const FILTER_KEYS = ["action", "actor", "from", "to", "target"] as const;
type Search = Partial<Record<(typeof FILTER_KEYS)[number] | "cursor", string | string[]>>;

const changeSummary = (before: unknown, after: unknown) => {
  const keys = new Set([...Object.keys((before as object) ?? {}), ...Object.keys((after as object) ?? {})]);
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...keys].map((k) => ({ key: k, from: b[k], to: a[k] })).filter((c) => show(c.from) !== show(c.to));
};
const show = (v: unknown) => (v === undefined || v === null || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export default async function AuditPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/audit");
  const filters: Filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, searchParam(search[k])]).filter(([, v]) => v));
  const cursor = searchParam(search.cursor) || undefined;
  const [{ page, errors }, choices] = await pageRead(
    () =>
      Promise.all([
        listAuditEvents(actor, { ...filters, cursor }).then(
          (page) => ({ page, errors: {} as Record<string, string> }),
          async (error) => {
            // A refused filter is shown next to its field, over the unfiltered first page; a hand-edited cursor starts over.
            if (!(error instanceof ValidationError)) throw error;
            const fields = error.fields ?? {};
            const kept = Object.fromEntries(Object.entries(filters).filter(([k]) => !fields[k] && !(k === "from" && fields.to)));
            return { page: await listAuditEvents(actor, kept).catch(() => listAuditEvents(actor, {})), errors: fields };
          },
        ),
        auditFilterChoices(actor),
      ]),
    `/${slug}/audit`,
  );

  const base = `/${actor.org.slug}/audit`;
  const query = (extra: Record<string, string | undefined> = {}) =>
    new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, v]) => v) as [string, string][]);
  const href = (extra: Record<string, string | undefined>) => {
    const q = query(extra);
    return q.size ? `${base}?${q}` : base;
  };
  const exportHref = (format: string) => `/api/v1/orgs/${actor.org.slug}/audit/export?${query({ format })}`;
  const filtered = Object.keys(filters).length > 0;
  // A filter may name an action no longer in the list (or one typed by hand): it stays choosable.
  const actions = [...new Set([...choices.actions, ...(filters.action ? [filters.action] : [])])]
    .map((value) => ({ value, label: actionName(value) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this organization: who, what, when and from where."
        actions={
          <>
            <a href={exportHref("csv")} download className={buttonStyles({ variant: "secondary" })}>
              <Download className="size-4" aria-hidden="true" /> Export CSV
            </a>
            <a href={exportHref("jsonl")} download className={buttonStyles({ variant: "secondary" })}>
              <Download className="size-4" aria-hidden="true" /> Export JSON lines
            </a>
          </>
        }
      />
      <AuditFilters actions={actions} actors={choices.actors} values={filters} errors={errors} clearHref={filtered ? base : null} />
      <DataTable
        caption="Audit events"
        columns={[
          { key: "when", header: "When" },
          { key: "actor", header: "Actor" },
          { key: "action", header: "Action" },
          { key: "target", header: "Target" },
          { key: "changes", header: "Changes" },
          { key: "ip", header: "IP" },
        ]}
        rows={page.items.map((e) => {
          const changes = changeSummary(e.before, e.after);
          return {
            key: String(e.id),
            cells: {
              when: (
                <span className="whitespace-nowrap">
                  <RelativeTime date={e.createdAt} />
                </span>
              ),
              actor: e.actorId ? (
                <Link
                  href={href({ actor: e.actorId, cursor: undefined })}
                  className="block max-w-48 truncate text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
                  title={`Show only ${e.actorName ?? "this person"}'s events`}
                >
                  {e.actorName ?? "Someone"}
                </Link>
              ) : (
                "System"
              ),
              action: (
                <Link href={href({ action: e.action, cursor: undefined })} className="text-slate-900 hover:underline" title="Show only this kind of event">
                  {actionName(e.action)}
                </Link>
              ),
              target: <span className="block max-w-56 truncate" title={e.targetLabel ?? e.targetId ?? undefined}>{e.targetLabel ?? e.targetId ?? "—"}</span>,
              changes: changes.length ? (
                <ul className="space-y-0.5 text-xs">
                  {changes.map((c) => (
                    <li key={c.key} className="break-all">
                      <span className="font-medium">{c.key}</span>: {show(c.from)} → {show(c.to)}
                    </li>
                  ))}
                </ul>
              ) : (
                "—"
              ),
              ip: e.ip ?? "—",
            },
          };
        })}
        empty={
          <EmptyState
            icon={ScrollText}
            title={filtered ? "No events match these filters" : "No events yet"}
            description={filtered ? "Widen the date range or clear a filter." : "Changes to this organization appear here as they happen."}
            action={
              filtered ? (
                <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                  Clear filters
                </Link>
              ) : undefined
            }
          />
        }
      />
      <CursorPager firstHref={cursor ? href({ cursor: undefined }) : null} nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </>
  );
}
