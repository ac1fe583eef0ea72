import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/pagination";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ORG_AUDIT_ACTIONS, describeAction } from "@/lib/audit/actions";
import { listAuditEvents } from "@/lib/audit/list";
import { ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { AuditFilters } from "./filters";

export const metadata: Metadata = { title: "Audit log" };

type Search = { action?: string; actor?: string; cursor?: string };

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
  const page = await pageRead(async () => {
    try {
      return await listAuditEvents(actor, { action: search.action || undefined, actor: search.actor || undefined, cursor: search.cursor });
    } catch (error) {
      // A hand-edited query string (bad cursor or id) shows the first page rather than an error.
      if (error instanceof ValidationError) return listAuditEvents(actor, {});
      throw error;
    }
  }, `/${slug}/audit`);
  const base = `/${actor.org.slug}/audit`;
  const href = (extra: Search) => {
    const q = new URLSearchParams(Object.entries({ action: search.action, actor: search.actor, ...extra }).filter(([, v]) => v) as [string, string][]);
    return q.size ? `${base}?${q}` : base;
  };
  const filtered = Boolean(search.action || search.actor);
  return (
    <>
      <PageHeader title="Audit log" description="Every change in this organization: who, what, when and from where." />
      <AuditFilters actions={ORG_AUDIT_ACTIONS} action={search.action ?? ""} actorId={search.actor} clearHref={filtered ? base : null} />
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
        rows={page.items.map((e) => ({
          key: String(e.id),
          cells: {
            when: <RelativeTime date={e.createdAt} />,
            actor: e.actorId ? (
              <Link href={href({ actor: e.actorId, cursor: undefined })} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900" title="Show only this person's events">
                {e.actorName}
              </Link>
            ) : (
              "System"
            ),
            action: (
              <span>
                <code className="font-mono text-xs text-slate-900">{e.action}</code>
                <span className="block text-xs text-slate-600">{describeAction(e.action)}</span>
              </span>
            ),
            target: e.targetLabel ?? e.targetId ?? "—",
            changes: (
              <ul className="space-y-0.5 text-xs">
                {changeSummary(e.before, e.after).map((c) => (
                  <li key={c.key} className="break-all">
                    <span className="font-medium">{c.key}</span>: {show(c.from)} → {show(c.to)}
                  </li>
                ))}
              </ul>
            ),
            ip: e.ip ?? "—",
          },
        }))}
        empty={
          <EmptyState
            icon={ScrollText}
            title={filtered ? "No events match these filters" : "No events yet"}
            action={filtered ? <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>Clear filters</Link> : undefined}
          />
        }
      />
      <CursorPager firstHref={search.cursor ? href({ cursor: undefined }) : null} nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </>
  );
}
