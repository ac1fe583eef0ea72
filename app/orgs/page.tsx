import type { Metadata } from "next";
import Link from "next/link";
import { Building2, Plus } from "lucide-react";
import { RoleBadge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { requireSignedIn } from "@/lib/http/pages";
import { listMyOrgs } from "@/lib/orgs/service";

export const metadata: Metadata = { title: "Your organizations" };

export default async function OrgsPage() {
  const actor = await requireSignedIn("/orgs");
  const { items: orgs } = await listMyOrgs(actor);
  const newOrg = (
    <Link href="/orgs/new" className={buttonStyles({})}>
      <Plus className="size-4" aria-hidden="true" /> New organization
    </Link>
  );
  return (
    <>
      <PageHeader title="Your organizations" actions={orgs.length ? newOrg : undefined} />
      {orgs.length === 0 ? (
        <EmptyState icon={Building2} title="You are not in any organization yet" description="Create one, or ask an owner to invite you." action={newOrg} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {orgs.map((org) => (
            <li key={org.id}>
              <Link href={`/${org.slug}`} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-slate-900">{org.name}</span>
                  <span className="block truncate text-sm text-slate-600">/{org.slug}</span>
                </span>
                <RoleBadge role={org.role} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
