import type { ReactNode } from "react";

type Item = { key: string; title: ReactNode; details: ReactNode[]; action: ReactNode };

/**
 * The account page's lists (sign-ins, sessions, tokens): one card per item that reads as a row on
 * wide screens and stacks on phones, its action always within reach.
 */
export function ItemList({ label, items, empty = null }: { label: string; items: Item[]; empty?: ReactNode }) {
  if (items.length === 0) return <>{empty}</>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-md border border-slate-200">
      {items.map((item) => (
        <li key={item.key} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
          <div className="min-w-0 flex-1 space-y-1">
            <p className="truncate font-medium text-slate-900">{item.title}</p>
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">{item.details}</p>
          </div>
          {item.action && <div className="shrink-0">{item.action}</div>}
        </li>
      ))}
    </ul>
  );
}
