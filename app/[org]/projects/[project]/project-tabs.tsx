import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type ProjectTab = "overview" | "runs" | "access" | "settings";

/** Overview | Runs | Access | Settings above the project's pages (the page decides which it shows). */
export function ProjectTabs({ base, current, tabs }: { base: string; current: ProjectTab; tabs: ProjectTab[] }) {
  const labels: Record<ProjectTab, { label: string; href: string }> = {
    overview: { label: "Overview", href: base },
    runs: { label: "Runs", href: `${base}/runs` },
    access: { label: "Access", href: `${base}/access` },
    settings: { label: "Settings", href: `${base}/settings` },
  };
  if (tabs.length < 2) return null;
  return (
    <nav aria-label="Project" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => (
          <li key={tab} className="shrink-0">
            <Link
              href={labels[tab].href}
              aria-current={tab === current ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 px-1 pb-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600",
                tab === current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {labels[tab].label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
