import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** General | Authentication, above both settings pages (Authentication only for owners and admins). */
export function SettingsTabs({ slug, current, showAuth }: { slug: string; current: "general" | "auth"; showAuth: boolean }) {
  const tabs = [
    { id: "general", label: "General", href: `/${slug}/settings` },
    ...(showAuth ? [{ id: "auth", label: "Authentication", href: `/${slug}/settings/auth` }] : []),
  ];
  if (tabs.length < 2) return null;
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((tab) => (
          <li key={tab.id}>
            <Link
              href={tab.href}
              aria-current={tab.id === current ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 px-1 pb-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600",
                tab.id === current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
