import type { Metadata } from "next";
import Link from "next/link";
import { Package } from "lucide-react";
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
import { listModels } from "@/lib/registry/service";
import { listTeams } from "@/lib/teams/service";
import { createModelAction } from "./actions";
import { ModelForm } from "./model-form";

export const metadata: Metadata = { title: "Model registry" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function RegistryPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/registry");
  const q = first(search.q).trim().slice(0, 100);
  const cursor = first(search.cursor) || undefined;
  const creates = can(actor.principal, "registry.create");
  const [page, teams] = await pageRead(
    () =>
      Promise.all([
        listModels(actor, { q: q || undefined, cursor }).catch((error) => {
          // A hand-edited cursor shows the first page of the same search rather than an error.
          if (error instanceof ValidationError) return listModels(actor, { q: q || undefined });
          throw error;
        }),
        creates ? listTeams(actor, { limit: 100 }) : { items: [], nextCursor: null },
      ]),
    `/${slug}/registry`,
  );

  const base = `/${actor.org.slug}/registry`;
  const href = (next?: string) => {
    const params = new URLSearchParams(Object.entries({ q, cursor: next }).filter(([, v]) => v) as [string, string][]);
    return params.size ? `${base}?${params}` : base;
  };

  return (
    <>
      <PageHeader
        title="Model registry"
        description={`The models of ${actor.org.name}: immutable, numbered versions promoted from runs, and aliases such as @production that deployments read.`}
        actions={
          creates ? (
            <a href="#new-model" className={buttonStyles({})}>
              New model
            </a>
          ) : undefined
        }
      />
      <NameSearch label="Search models" query={q} clearHref={q ? base : null} placeholder="The start of a model's name" />
      <DataTable
        caption="Models"
        columns={[
          { key: "name", header: "Model", cardLabel: false },
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
            icon={Package}
            title={q ? `No model's name starts with “${q}”` : "No models yet"}
            description={
              q
                ? "Search matches the start of a model's name. Clear the search to see every model."
                : creates
                  ? "Create a model below, then promote a run to it from the run's page (or register a version through the API) and point @production at it."
                  : "Owners and admins register models here; you can then move their unprotected aliases. Ask one of them to create the first model."
            }
            action={
              q ? (
                <Link href={base} className={buttonStyles({ variant: "secondary", size: "sm" })}>
                  Show all models
                </Link>
              ) : undefined
            }
          />
        }
      />
      <CursorPager label="Model pages" firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
      {creates && (
        <div id="new-model" className="mt-8 scroll-mt-4">
          <Card title="New model" description="Owners and admins create models. Every member sees them and can move their unprotected aliases.">
            <ModelForm action={createModelAction} orgSlug={actor.org.slug} teams={teams.items} />
          </Card>
        </div>
      )}
    </>
  );
}
