import Link from "next/link";
import { Search } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";

const ROLE_OPTIONS = [
  { value: "", label: "All roles" },
  { value: "owner", label: "Owners" },
  { value: "admin", label: "Admins" },
  { value: "member", label: "Members" },
  { value: "viewer", label: "Viewers" },
];

/** A GET form: the search lives in the URL, so a filtered list can be bookmarked and shared. */
export function MemberFilters({ query, role, clearHref }: { query: string; role: string; clearHref: string | null }) {
  return (
    <form method="get" role="search" aria-label="Members" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-56 space-y-1.5">
        <label htmlFor="member-query" className="block text-sm font-medium text-slate-900">
          Search members
        </label>
        <input
          id="member-query"
          name="query"
          type="search"
          defaultValue={query}
          maxLength={100}
          placeholder="Start of a name or email"
          autoComplete="off"
          spellCheck={false}
          className={fieldControlStyles({})}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="member-role" className="block text-sm font-medium text-slate-900">
          Role
        </label>
        <select id="member-role" name="role" defaultValue={role} className={fieldControlStyles({})}>
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
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
