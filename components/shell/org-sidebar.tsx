"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { FolderKanban, LayoutDashboard, ScrollText, Settings, Users, UsersRound } from "lucide-react";

const icons = {
  dashboard: LayoutDashboard,
  members: Users,
  settings: Settings,
  audit: ScrollText,
  teams: UsersRound,
  projects: FolderKanban,
};

export type OrgNavItem = { href: string; label: string; icon: keyof typeof icons };

type OrgSidebarProps = { orgSlug: string; items: OrgNavItem[] };

export function OrgSidebar({ orgSlug, items }: OrgSidebarProps) {
  const pathname = usePathname();
  const orgHome = `/${orgSlug}`;
  // The org home is a prefix of every other item, so it only matches exactly.
  const isCurrent = (href: string) =>
    pathname === href || (href !== orgHome && pathname.startsWith(`${href}/`));

  return (
    <nav
      aria-label="Organization"
      className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-r md:border-b-0 md:bg-transparent"
    >
      <ul className="flex gap-1 overflow-x-auto px-4 py-2 md:sticky md:top-0 md:flex-col md:overflow-visible md:px-3 md:py-6">
        {items.map(({ href, label, icon }) => {
          const Icon = icons[icon];
          const current = isCurrent(href);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 ${
                  current ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                <Icon className="size-4 shrink-0" aria-hidden="true" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
