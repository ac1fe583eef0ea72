"use client";

import { useEffect, useId, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  Blocks,
  ChevronDown,
  FolderKanban,
  HardDrive,
  LayoutDashboard,
  Mail,
  Package,
  ScrollText,
  Settings,
  Users,
  UsersRound,
} from "lucide-react";

const icons = {
  dashboard: LayoutDashboard,
  members: Users,
  invitations: Mail,
  settings: Settings,
  audit: ScrollText,
  teams: UsersRound,
  projects: FolderKanban,
  registry: Package,
  hub: Blocks,
  storage: HardDrive,
};

/** count: a number shown beside the label, e.g. pending invitations (read with the label by screen readers). */
export type OrgNavItem = { href: string; label: string; icon: keyof typeof icons; count?: number; countLabel?: string };

type OrgSidebarProps = { orgSlug: string; items: OrgNavItem[] };

/**
 * The organization's sections: a sidebar from the md breakpoint up; on a phone one button naming the
 * current section that opens the whole list as a two-column grid, so ten or more entries fit at 390 px.
 */
export function OrgSidebar({ orgSlug, items }: OrgSidebarProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const orgHome = `/${orgSlug}`;
  // The org home is a prefix of every other item, so it only matches exactly.
  const isCurrent = (href: string) => pathname === href || (href !== orgHome && pathname.startsWith(`${href}/`));
  const current = items.find((item) => isCurrent(item.href));
  const CurrentIcon = current ? icons[current.icon] : LayoutDashboard;

  // A section was chosen: the phone menu closes.
  useEffect(() => setOpen(false), [pathname]);

  return (
    <nav aria-label="Organization" className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-r md:border-b-0 md:bg-transparent">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2 px-4 py-3 text-sm font-medium text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-inset md:hidden"
      >
        <CurrentIcon className="size-4 shrink-0 text-indigo-700" aria-hidden="true" />
        <span className="truncate">{current?.label ?? "Sections"}</span>
        <span className="ml-auto flex items-center gap-1 text-slate-600">
          <span className="text-xs">All sections</span>
          <ChevronDown className={`size-4 transition-transform ${open ? "rotate-180" : ""}`} aria-hidden="true" />
        </span>
      </button>
      <ul
        id={listId}
        className={`${open ? "grid" : "hidden"} grid-cols-2 gap-1 px-3 pb-3 md:sticky md:top-0 md:flex md:flex-col md:px-3 md:py-6`}
      >
        {items.map(({ href, label, icon, count, countLabel }) => {
          const Icon = icons[icon];
          const here = isCurrent(href);
          return (
            <li key={href} className="min-w-0">
              <Link
                href={href}
                aria-current={here ? "page" : undefined}
                className={`flex min-w-0 items-center gap-2 rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 ${
                  here ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                <Icon className="size-4 shrink-0" aria-hidden="true" />
                <span className="truncate">{label}</span>
                {count !== undefined && count > 0 && (
                  <span className="ml-auto rounded-full bg-slate-200 px-2 text-xs font-semibold text-slate-800">
                    {count.toLocaleString("en")}
                    {countLabel && <span className="sr-only">{` ${countLabel}`}</span>}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
