import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { NameSearch } from "@/components/ui/name-search";
import { CursorPager } from "@/components/ui/pagination";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import type { Page } from "@/lib/pagination";

export type CatalogEntry = { id: string; name: string; description: string; tags: string[]; latestVersion: number | null; createdAt: Date };

type CatalogListProps = {
  /** The kind of entry in words: "model", "component". */
  noun: string;
  icon: LucideIcon;
  /** The list page's path; each entry's page is below it. */
  base: string;
  q: string;
  cursor: string | undefined;
  page: Page<CatalogEntry>;
  /** What the empty state suggests when nothing is listed and no search is on. */
  emptyHint: string;
};

/** The searchable, paged list of a catalog (the model registry, the component hub): name, latest version, tags, age. */
export function CatalogList({ noun, icon, base, q, cursor, page, emptyHint }: CatalogListProps) {
  const nouns = `${noun}s`;
  const title = noun[0].toUpperCase() + noun.slice(1);
  const href = (next?: string) => {
    const params = new URLSearchParams(Object.entries({ q, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return params.size ? `${base}?${params}` : base;
  };
  return (
    <>
      <NameSearch label={`Search ${nouns}`} query={q} clearHref={q ? base : null} placeholder={`The start of a ${noun}'s name`} />
      <DataTable
        caption={`${title}s`}
        columns={[
          { key: "name", header: title, cardLabel: false },
          { key: "latest", header: "Latest version" },
          { key: "tags", header: "Tags" },
          { key: "created", header: "Created" },
        ]}
        rows={page.items.map((entry) => ({
          key: entry.id,
          cells: {
            name: (
              <span className="block min-w-0">
                <Link href={`${base}/${entry.name}`} className="font-medium break-all text-indigo-700 hover:underline">
                  {entry.name}
                </Link>
                {entry.description && <span className="mt-0.5 block max-w-prose text-sm break-words text-slate-600">{entry.description}</span>}
              </span>
            ),
            latest: entry.latestVersion === null ? <span className="text-slate-600">No versions yet</span> : `Version ${entry.latestVersion}`,
            tags: entry.tags.length ? (
              <span className="flex flex-wrap gap-1">
                {entry.tags.map((tag) => (
                  <Badge key={tag} tone="neutral">
                    {tag}
                  </Badge>
                ))}
              </span>
            ) : (
              <span className="text-slate-600">None</span>
            ),
            created: <RelativeTime date={entry.createdAt} />,
          },
        }))}
        empty={
          <EmptyState
            icon={icon}
            title={q ? `No ${noun}'s name starts with “${q}”` : `No ${nouns} yet`}
            description={q ? `Search matches the start of a ${noun}'s name. Clear the search to see every ${noun}.` : emptyHint}
            action={
              q ? (
                <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                  Show all {nouns}
                </Link>
              ) : undefined
            }
          />
        }
      />
      <CursorPager label={`${title} pages`} firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
    </>
  );
}
