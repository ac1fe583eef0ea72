"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, ChevronsUpDown, LayoutGrid, Plus } from "lucide-react";
import { ROLE_LABELS, type OrgRole } from "@/lib/authz/roles";
import { menuContentStyles, menuItemStyles, menuSeparatorStyles } from "./menu-styles";

export type OrgSummary = { slug: string; name: string; role: OrgRole };

type OrgSwitcherProps = { orgs: OrgSummary[]; currentOrgSlug?: string };

/** Sections only owners and admins see: switching to an org where one is less lands on its overview. */
const MANAGER_SECTIONS = new Set(["invitations", "audit"]);

/** The same section in another organization: members → the other org's members (deeper paths name things of this org). */
function sectionHref(pathname: string, currentOrgSlug: string | undefined, org: OrgSummary) {
  const section = currentOrgSlug && pathname.startsWith(`/${currentOrgSlug}/`) ? pathname.split("/")[2] : "";
  const manager = org.role === "owner" || org.role === "admin";
  return section && (manager || !MANAGER_SECTIONS.has(section)) ? `/${org.slug}/${section}` : `/${org.slug}`;
}

export function OrgSwitcher({ orgs, currentOrgSlug }: OrgSwitcherProps) {
  const pathname = usePathname();
  const current = orgs.find((org) => org.slug === currentOrgSlug);

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="inline-flex min-w-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
        <span className="sr-only">Organization: </span>
        <span className="truncate max-w-[8rem] sm:max-w-[16rem]">{current?.name ?? "Select organization"}</span>
        <ChevronsUpDown className="size-4 shrink-0 text-slate-600" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className={menuContentStyles}>
          {orgs.length > 0 && (
            <>
              <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-slate-600">
                Organizations
              </DropdownMenu.Label>
              {orgs.map((org) => {
                const isCurrent = org.slug === currentOrgSlug;
                return (
                  <DropdownMenu.Item key={org.slug} asChild className={menuItemStyles}>
                    <Link href={sectionHref(pathname, currentOrgSlug, org)} aria-current={isCurrent ? "page" : undefined}>
                      <Check
                        className={`size-4 shrink-0 text-indigo-600 ${isCurrent ? "" : "invisible"}`}
                        aria-hidden="true"
                      />
                      <span className="max-w-[12rem] min-w-0 truncate">{org.name}</span>
                      <span className="ml-auto pl-3 text-xs text-slate-600">{ROLE_LABELS.org[org.role]}</span>
                    </Link>
                  </DropdownMenu.Item>
                );
              })}
              <DropdownMenu.Separator className={menuSeparatorStyles} />
            </>
          )}
          <DropdownMenu.Item asChild className={menuItemStyles}>
            <Link href="/orgs">
              <LayoutGrid className="size-4 shrink-0" aria-hidden="true" />
              All organizations
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={menuItemStyles}>
            <Link href="/orgs/new">
              <Plus className="size-4 shrink-0" aria-hidden="true" />
              New organization
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
