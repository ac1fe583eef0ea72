import Link from "next/link";
import { Search } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";
import { PROJECT_VISIBILITIES, VISIBILITY_LABELS } from "@/lib/authz/roles";

type ProjectFiltersProps = {
  query: string;
  visibility: string;
  team: string;
  archived: string;
  teams: { slug: string; name: string }[];
  clearHref: string | null;
};

/** A GET form: the search lives in the URL, so a filtered list can be bookmarked and shared. */
export function ProjectFilters({ query, visibility, team, archived, teams, clearHref }: ProjectFiltersProps) {
  const select = (id: string, name: string, label: string, value: string, options: { value: string; label: string }[]) => (
    <div className="w-full space-y-1.5 sm:w-44">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={fieldControlStyles({})}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" role="search" aria-label="Projects" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-56 space-y-1.5">
        <label htmlFor="project-query" className="block text-sm font-medium text-slate-900">
          Search projects
        </label>
        <input id="project-query" name="query" type="search" defaultValue={query} maxLength={100} placeholder="Part of a name, slug or tag" autoComplete="off" spellCheck={false} className={fieldControlStyles({})} />
      </div>
      {select("project-visibility", "visibility", "Visibility", visibility, [{ value: "", label: "Any visibility" }, ...PROJECT_VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS.project[v] }))])}
      {teams.length > 0 && select("project-team", "team", "Team", team, [{ value: "", label: "Any team" }, ...teams.map((t) => ({ value: t.slug, label: t.name }))])}
      {select("project-archived", "archived", "Status", archived, [
        { value: "", label: "Active" },
        { value: "true", label: "Archived" },
      ])}
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
