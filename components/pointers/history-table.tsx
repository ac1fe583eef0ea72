import { History } from "lucide-react";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";

export type PointerEvent = { pointer: string; from: number | null; to: number | null; actor: string | null; reason: string; at: Date };

const version = (n: number | null) => (n === null ? <span className="text-slate-600">none</span> : <>version {n}</>);

/** Who moved which pointer from where to where, when and why: newest first. */
export function PointerHistoryTable({ events, prefix, caption, emptyText }: { events: PointerEvent[]; prefix: string; caption: string; emptyText: string }) {
  return (
    <DataTable
      caption={caption}
      columns={[
        { key: "pointer", header: prefix === "@" ? "Alias" : "Tag", cardLabel: false },
        { key: "move", header: "Move" },
        { key: "actor", header: "By" },
        { key: "reason", header: "Reason" },
        { key: "at", header: "When" },
      ]}
      rows={events.map((e, i) => ({
        key: `${e.at.toISOString()}-${e.pointer}-${i}`,
        cells: {
          pointer: <span className="font-medium break-all text-slate-900">{`${prefix}${e.pointer}`}</span>,
          move:
            e.to === null ? (
              <span>removed (was {version(e.from)})</span>
            ) : e.from === null ? (
              <span>created at {version(e.to)}</span>
            ) : (
              <span>
                {version(e.from)} → {version(e.to)}
              </span>
            ),
          actor: e.actor ?? <span className="text-slate-600">a deleted account</span>,
          reason: e.reason ? <span className="break-words">{e.reason}</span> : <span className="text-slate-600">none given</span>,
          at: <span className="whitespace-nowrap"><RelativeTime date={e.at} /></span>,
        },
      }))}
      empty={<EmptyState icon={History} title="No moves yet" description={emptyText} />}
    />
  );
}
