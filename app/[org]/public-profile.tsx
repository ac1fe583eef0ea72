import Link from "next/link";
import { FolderKanban, Globe } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import type { PublicProfile } from "@/lib/projects/profile";

/** What someone outside a public organization sees at /{org}: who it is and its public projects. */
export function PublicOrgProfile({ profile: org, signedIn }: { profile: PublicProfile; signedIn: boolean }) {
  const { projects } = org;
  return (
    <>
      <PageHeader title={org.name} description={org.description || undefined} />
      {org.website && (
        <p className="-mt-3 mb-6 flex items-center gap-2 text-sm">
          <Globe className="size-4 text-slate-600" aria-hidden="true" />
          <a href={org.website} rel="nofollow noopener noreferrer" className="break-all text-indigo-700 hover:underline">
            {org.website}
          </a>
        </p>
      )}
      <Card title="Public projects" description={signedIn ? "You are not a member of this organization: you see what it shares with everyone." : "Anyone can read these projects."}>
        {projects.length === 0 ? (
          <EmptyState icon={FolderKanban} title="No public projects" description="This organization shares nothing publicly yet." />
        ) : (
          <ul aria-label="Public projects" className="divide-y divide-slate-200">
            {projects.map((p) => (
              <li key={p.slug} className="py-3">
                <Link href={`/${org.slug}/projects/${p.slug}`} className="font-medium break-words text-indigo-700 hover:underline">
                  {p.name}
                </Link>
                {p.description && <p className="mt-1 text-sm break-words text-slate-700">{p.description}</p>}
                {p.tags.length > 0 && <p className="mt-1 text-sm text-slate-600">{p.tags.join(", ")}</p>}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
