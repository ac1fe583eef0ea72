"use client";

import { useState, useTransition, type ReactNode } from "react";
import Link from "next/link";
import * as Dialog from "@radix-ui/react-dialog";
import { CircleCheck, CircleX, Loader2, Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DialogPanel } from "@/components/ui/dialog-panel";
import { fieldControlStyles } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable, EmptyState } from "@/components/ui/table";
import type { BulkResult } from "@/lib/runs/actions";
import type { BulkAction } from "@/lib/runs/schemas";

/** One run as the table needs it; the cells the server rendered (times, badges) come ready. */
export type RunRow = { number: number; label: string; cells: Record<"status" | "kind" | "tags" | "metrics" | "creator" | "created", ReactNode> };

type BulkRunsAction = (formData: FormData) => Promise<{ ok: boolean; message?: string; results?: BulkResult[] }>;

type RunsTableProps = {
  rows: RunRow[];
  base: string;
  fields: Record<string, string>;
  /** The viewer may act on runs here (project write): checkboxes and the bulk bar. */
  acts: boolean;
  action: BulkRunsAction;
  empty: { title: string; description: string };
};

const ACTIONS: { value: BulkAction; label: string; verb: string; done: string; consequence: string }[] = [
  { value: "tag", done: "tagged", label: "Add a tag", verb: "Tag", consequence: "Each run gets the tag." },
  { value: "untag", done: "untagged", label: "Remove a tag", verb: "Untag", consequence: "The tag is taken off each run that has it." },
  { value: "stop", done: "asked to stop", label: "Stop", verb: "Stop", consequence: "Each running run is asked to stop (its client confirms it); runs that never started stop at once. A stop cannot be taken back." },
  { value: "archive", done: "archived", label: "Archive", verb: "Archive", consequence: "They leave the list of active runs until someone unarchives them." },
  { value: "unarchive", done: "unarchived", label: "Unarchive", verb: "Unarchive", consequence: "They return to the list of active runs." },
  { value: "delete", done: "deleted", label: "Delete", verb: "Delete", consequence: "Deleted runs can be restored until a project admin purges them; their artifacts count as deleted meanwhile. You may delete only runs you created unless you are a project admin." },
  { value: "restore", done: "restored", label: "Restore", verb: "Restore", consequence: "Deleted runs come back as they were." },
];

const plural = (n: number) => `${n.toLocaleString("en")} run${n === 1 ? "" : "s"}`;

/** The project's runs; with write access, a checkbox per run and one bar to act on the selection, reporting on each run. */
export function RunsTable({ rows, base, fields, acts, action, empty }: RunsTableProps) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [operation, setOperation] = useState<BulkAction>("tag");
  const [tag, setTag] = useState("");
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<BulkRunsAction>> | null>(null);
  const [pending, startTransition] = useTransition();
  const chosen = rows.filter((r) => selected.has(r.number));
  const allSelected = rows.length > 0 && chosen.length === rows.length;
  const spec = ACTIONS.find((a) => a.value === operation)!;
  const needsTag = operation === "tag" || operation === "untag";
  const toggle = (n: number, on: boolean) => setSelected((s) => (on ? new Set(s).add(n) : new Set([...s].filter((x) => x !== n))));

  const run = () =>
    startTransition(async () => {
      const formData = new FormData();
      for (const [k, v] of Object.entries(fields)) formData.set(k, v);
      formData.set("action", operation);
      if (needsTag) formData.set("tag", tag);
      for (const r of chosen) formData.append("runs", String(r.number));
      setResult(await action(formData));
    });
  const close = () => {
    if (result?.results) setSelected(new Set());
    setAsking(false);
    setResult(null);
  };
  const done = result?.results?.filter((r) => r.ok).length ?? 0;

  const columns = [
    ...(acts ? [{ key: "select", header: "Select", cardLabel: false }] : []),
    { key: "run", header: "Run", cardLabel: false },
    { key: "status", header: "Status" },
    { key: "kind", header: "Kind" },
    { key: "tags", header: "Tags" },
    { key: "metrics", header: "Outputs" },
    { key: "creator", header: "Created by" },
    { key: "created", header: "Created" },
  ];

  return (
    <>
      {acts && rows.length > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm">
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input type="checkbox" checked={allSelected} onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.number)) : new Set())} className="size-4 rounded border-slate-300 accent-indigo-600" />
            Select all on this page
          </label>
          <span className="text-slate-600" aria-live="polite">
            {chosen.length ? `${plural(chosen.length)} selected` : "None selected"}
          </span>
          <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
            <label htmlFor="bulk-run-action" className="sr-only">
              What to do with the selected runs
            </label>
            <select id="bulk-run-action" value={operation} onChange={(e) => setOperation(e.target.value as BulkAction)} className={cn(fieldControlStyles({}), "h-8 max-w-40 py-0")}>
              {ACTIONS.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
            {needsTag && (
              <>
                <label htmlFor="bulk-run-tag" className="sr-only">
                  Tag for the selected runs
                </label>
                <input id="bulk-run-tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="Tag" maxLength={40} className={cn(fieldControlStyles({}), "h-8 max-w-32 py-0")} />
              </>
            )}
            <Button variant="secondary" size="sm" aria-haspopup="dialog" disabled={!chosen.length || (needsTag && !tag.trim())} onClick={() => setAsking(true)}>
              Apply to selected
            </Button>
          </div>
        </div>
      )}
      <DataTable
        caption="Runs"
        columns={columns}
        rows={rows.map((r) => ({
          key: String(r.number),
          cells: {
            ...r.cells,
            select: <input type="checkbox" aria-label={`Select run #${r.number}`} checked={selected.has(r.number)} onChange={(e) => toggle(r.number, e.target.checked)} className="size-4 rounded border-slate-300 accent-indigo-600" />,
            run: (
              <Link href={`${base}/${r.number}`} className="font-medium break-all text-indigo-700 hover:underline">
                {r.label}
              </Link>
            ),
          },
        }))}
        empty={<EmptyState icon={Play} title={empty.title} description={empty.description} />}
      />
      {asking && (
        <Dialog.Root open onOpenChange={(open) => !open && !pending && close()}>
          <DialogPanel
            title={result?.results ? `${done} of ${plural(result.results.length)} done` : `${spec.verb} ${plural(chosen.length)}${needsTag ? ` with ${tag.trim()}` : ""}?`}
            description={result?.results ? "What happened to each run:" : spec.consequence}
          >
            {result?.results ? (
              <>
                <ul aria-label="Report" className="mt-4 max-h-72 space-y-2 overflow-y-auto text-sm">
                  {result.results.map((r) => (
                    <li key={String(r.id)} className="flex items-start gap-2">
                      {r.ok ? <CircleCheck className="mt-0.5 size-4 shrink-0 text-green-700" aria-label="Done" /> : <CircleX className="mt-0.5 size-4 shrink-0 text-red-700" aria-label="Refused" />}
                      <span className="min-w-0">
                        <span className="font-medium text-slate-900">Run #{String(r.id)}</span> <span className="text-slate-700">{r.ok ? spec.done : r.error?.message}</span>
                      </span>
                    </li>
                  ))}
                </ul>
                <div className="mt-5 flex justify-end">
                  <Button onClick={close}>Done</Button>
                </div>
              </>
            ) : (
              <>
                <ul className="mt-4 max-h-40 space-y-1 overflow-y-auto text-sm text-slate-900">
                  {chosen.map((r) => (
                    <li key={r.number} className="truncate">
                      {r.label}
                    </li>
                  ))}
                </ul>
                <div className="mt-4">
                  <FormMessage message={result && !result.ok ? result.message : undefined} />
                </div>
                <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                  <Dialog.Close asChild>
                    <Button variant="secondary" disabled={pending}>
                      Cancel
                    </Button>
                  </Dialog.Close>
                  <Button variant="danger" disabled={pending} onClick={run}>
                    {pending && <Loader2 className="size-4 animate-spin" aria-hidden="true" />}
                    {`${spec.verb} ${plural(chosen.length)}`}
                  </Button>
                </div>
              </>
            )}
          </DialogPanel>
        </Dialog.Root>
      )}
    </>
  );
}
