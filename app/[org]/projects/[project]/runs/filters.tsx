import Link from "next/link";
import { Search } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";
import { RUN_KIND_LABELS, RUN_KINDS, RUN_STATUS_LABELS, RUN_STATUSES } from "@/lib/runs/status";

export type RunFilterValues = Record<"status" | "kind" | "tag" | "creator" | "sort" | "metric" | "show", string>;

const SORTS = [
  { value: "-created", label: "Newest first" },
  { value: "created", label: "Oldest first" },
  { value: "-metric", label: "Metric, highest first" },
  { value: "metric", label: "Metric, lowest first" },
];
const SHOW = [
  { value: "", label: "Active" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "Active and archived" },
  { value: "deleted", label: "Deleted (not purged)" },
];

/** A GET form: the filters live in the URL, so a list can be bookmarked and shared. */
export function RunFilters({ values, clearHref }: { values: RunFilterValues; clearHref: string | null }) {
  const select = (name: keyof RunFilterValues, label: string, options: { value: string; label: string }[]) => (
    <div className="w-full space-y-1.5 sm:w-44">
      <label htmlFor={`runs-${name}`} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select id={`runs-${name}`} name={name} defaultValue={values[name]} className={fieldControlStyles({})}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (name: keyof RunFilterValues, label: string, placeholder: string) => (
    <div className="w-full space-y-1.5 sm:w-40">
      <label htmlFor={`runs-${name}`} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input id={`runs-${name}`} name={name} defaultValue={values[name]} maxLength={100} placeholder={placeholder} autoComplete="off" spellCheck={false} className={fieldControlStyles({})} />
    </div>
  );
  return (
    <form method="get" role="search" aria-label="Runs" className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
      {select("status", "Status", [{ value: "", label: "Any status" }, ...RUN_STATUSES.map((s) => ({ value: s, label: RUN_STATUS_LABELS[s] }))])}
      {select("kind", "Kind", [{ value: "", label: "Any kind" }, ...RUN_KINDS.map((k) => ({ value: k, label: RUN_KIND_LABELS[k] }))])}
      {text("tag", "Tag", "e.g. baseline")}
      {select("creator", "Created by", [
        { value: "", label: "Anyone" },
        { value: "me", label: "Me" },
      ])}
      {select("show", "Show", SHOW)}
      {select("sort", "Sort", SORTS)}
      {text("metric", "Metric", "e.g. auc")}
      <button type="submit" className={buttonStyles({ variant: "secondary" })}>
        <Search className="size-4" aria-hidden="true" />
        Filter
      </button>
      {clearHref && (
        <Link href={clearHref} className={buttonStyles({ variant: "ghost" })}>
          Clear
        </Link>
      )}
    </form>
  );
}
