import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { cn } from "./cn";

type DataTableProps = {
  columns: { key: string; header: string; className?: string }[];
  rows: { key: string; cells: Record<string, ReactNode> }[];
  empty: ReactNode;
  /** Names the table (visually hidden) and its scroll region. */
  caption?: string;
};

export function DataTable({ columns, rows, empty, caption }: DataTableProps) {
  if (rows.length === 0) return <>{empty}</>;

  return (
    // Focusable so keyboard users can scroll it when it overflows on narrow screens.
    <div
      tabIndex={0}
      role={caption ? "region" : undefined}
      aria-label={caption}
      className="overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50">
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
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.key}>
              {columns.map((column) => (
                <td key={column.key} className={cn("px-4 py-3 text-slate-700", column.className)}>
                  {row.cells[column.key]}
                </td>
              ))}
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
