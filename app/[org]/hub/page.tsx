import type { Metadata } from "next";
import Link from "next/link";
import { Blocks } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { NameSearch } from "@/components/ui/name-search";
import { CursorPager } from "@/components/ui/pagination";
import { DataTable, EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { can } from "@/lib/authz";
import { ValidationError } from "@/lib/errors";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listComponents } from "@/lib/hub/service";
import { createComponentAction } from "./actions";
import { ComponentForm } from "./component-form";

export const metadata: Metadata = { title: "Component hub" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function HubPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/hub");
  const q = first(search.q).trim().slice(0, 100);
  const cursor = first(search.cursor) || undefined;
  const creates = can(actor.principal, "hub.create");
  const page = await pageRead(
    () =>
      listComponents(actor, { q: q || undefined, cursor }).catch((error) => {
        // A hand-edited cursor shows the first page of the same search rather than an error.
        if (error instanceof ValidationError) return listComponents(actor, { q: q || undefined });
        throw error;
      }),
    `/${slug}/hub`,
  );

  const base = `/${actor.org.slug}/hub`;
  const href = (next?: string) => {
    const params = new URLSearchParams(Object.entries({ q, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return params.size ? `${base}?${params}` : base;
  };

  return (
    <>
      <PageHeader
        title="Component hub"
        description={`The reusable components of ${actor.org.name}: containerized steps with typed inputs and outputs, in immutable versions with movable tags such as stable.`}
        actions={
          creates ? (
            <a href="#new-component" className={buttonStyles({})}>
              New component
            </a>
          ) : undefined
        }
      />
      <NameSearch label="Search components" query={q} clearHref={q ? base : null} placeholder="The start of a component's name" />
      <DataTable
        caption="Components"
        columns={[
          { key: "name", header: "Component", cardLabel: false },
          { key: "latest", header: "Latest version" },
          { key: "tags", header: "Tags" },
          { key: "created", header: "Created" },
        ]}
        rows={page.items.map((m) => ({
          key: m.id,
          cells: {
            name: (
              <span className="block min-w-0">
                <Link href={`${base}/${m.name}`} className="font-medium break-all text-indigo-700 hover:underline">
                  {m.name}
                </Link>
                {m.description && <span className="mt-0.5 block max-w-prose text-sm break-words text-slate-600">{m.description}</span>}
              </span>
            ),
            latest: m.latestVersion === null ? <span className="text-slate-600">No versions yet</span> : `Version ${m.latestVersion}`,
            tags: m.tags.length ? (
              <span className="flex flex-wrap gap-1">
                {m.tags.map((tag) => (
                  <Badge key={tag} tone="neutral">
                    {tag}
                  </Badge>
                ))}
              </span>
            ) : (
              <span className="text-slate-600">None</span>
            ),
            created: <RelativeTime date={m.createdAt} />,
          },
        }))}
        empty={
          <EmptyState
            icon={Blocks}
            title={q ? `No component's name starts with “${q}”` : "No components yet"}
            description={
              q
                ? "Search matches the start of a component's name. Clear the search to see every component."
                : creates
                  ? "Create a component below with its YAML spec (inputs, outputs, container), then tag a version stable for others to use."
                  : "Owners and admins publish components here for every project to use. Ask one of them to add the first one."
            }
            action={
              q ? (
                <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                  Show all components
                </Link>
              ) : undefined
            }
          />
        }
      />
      <CursorPager label="Component pages" firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
      {creates && (
        <div id="new-component" className="mt-8 scroll-mt-4">
          <Card title="New component" description="Owners and admins publish components; every member sees them.">
            <ComponentForm action={createComponentAction} orgSlug={actor.org.slug} />
          </Card>
        </div>
      )}
    </>
  );
}
