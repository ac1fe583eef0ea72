import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { cn } from "./cn";

export type DataTableColumn = {
  key: string;
  /** An empty header is read as "Actions" by screen readers (a header cell is never empty). */
  header: string;
  className?: string;
  /** On a phone each row is a card whose cells are labelled by their header; false drops the label (the name, the actions). */
  cardLabel?: boolean;
};

type DataTableProps = {
  columns: DataTableColumn[];
  rows: { key: string; cells: Record<string, ReactNode> }[];
  empty: ReactNode;
  /** Names the table (visually hidden) and its scroll region. */
  caption?: string;
};

/**
 * A table on wide screens; below the md breakpoint every row becomes a stacked card (each cell
 * labelled by its column), so actions stay on screen without sideways scrolling.
 */
export function DataTable({ columns, rows, empty, caption }: DataTableProps) {
  if (rows.length === 0) return <>{empty}</>;

  return (
    // Focusable so keyboard users can scroll it when it overflows.
    <div
      tabIndex={0}
      role={caption ? "region" : undefined}
      aria-label={caption}
      className="rounded-md border border-slate-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 md:overflow-x-auto"
    >
      <table className="min-w-full text-sm max-md:block md:divide-y md:divide-slate-200">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 max-md:sr-only">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cn(
                  "px-4 py-3 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
                  column.className,
                )}
              >
                {column.header || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 max-md:block">
          {rows.map((row) => (
            <tr key={row.key} className="max-md:block max-md:space-y-2 max-md:px-4 max-md:py-3">
              {columns.map((column) => {
                const labelled = column.cardLabel !== false && column.header;
                return (
                  <td
                    key={column.key}
                    data-label={labelled ? column.header : undefined}
                    className={cn(
                      "text-slate-700 md:px-4 md:py-3 max-md:block max-md:min-w-0 max-md:text-left max-md:empty:hidden",
                      // Label and value side by side; the value wraps under the label when it needs the room.
                      labelled &&
                        "max-md:flex max-md:flex-wrap max-md:items-baseline max-md:justify-between max-md:gap-x-3 max-md:before:text-xs max-md:before:font-semibold max-md:before:tracking-wide max-md:before:text-slate-600 max-md:before:uppercase max-md:before:content-[attr(data-label)]",
                      column.className,
                    )}
                  >
                    {row.cells[column.key]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type EmptyStateProps = {
  icon?: LucideIcon;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
};

export function EmptyState({ icon: Icon, title, description, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center rounded-md border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      {Icon && <Icon className="size-8 text-slate-400" aria-hidden="true" />}
      <p className="mt-3 text-sm font-semibold text-slate-900">{title}</p>
      {description && <p className="mt-1 max-w-sm text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
