import Link from "next/link";
import { Search } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";

/** A GET form: the search lives in the URL. */
export function TeamFilters({ query, clearHref }: { query: string; clearHref: string | null }) {
  return (
    <form method="get" role="search" aria-label="Teams" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-56 space-y-1.5">
        <label htmlFor="team-query" className="block text-sm font-medium text-slate-900">
          Search teams
        </label>
        <input id="team-query" name="query" type="search" defaultValue={query} maxLength={100} placeholder="Part of a name or slug" autoComplete="off" spellCheck={false} className={fieldControlStyles({})} />
      </div>
      <button type="submit" className={buttonStyles({ variant: "secondary" })}>
        <Search className="size-4" aria-hidden="true" />
        Search
      </button>
      {clearHref && (
        <Link href={clearHref} className={buttonStyles({ variant: "ghost" })}>
          Clear
        </Link>
      )}
    </form>
  );
}
