import Link from "next/link";
import { Search } from "lucide-react";
import { buttonStyles } from "./button-styles";
import { fieldControlStyles } from "./field";

/** A GET search by name prefix (?q=): the search lives in the URL, so it can be bookmarked and shared. */
export function NameSearch({ label, query, clearHref, placeholder }: { label: string; query: string; clearHref: string | null; placeholder: string }) {
  return (
    <form method="get" role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-56 space-y-1.5">
        <label htmlFor="name-query" className="block text-sm font-medium text-slate-900">
          {label}
        </label>
        <input id="name-query" name="q" type="search" defaultValue={query} maxLength={100} placeholder={placeholder} autoComplete="off" spellCheck={false} className={fieldControlStyles({})} />
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
