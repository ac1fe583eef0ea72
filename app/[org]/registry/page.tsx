import type { Metadata } from "next";
import { Package } from "lucide-react";
import { CatalogList } from "@/components/catalog/catalog-list";
import { buttonStyles } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listModels } from "@/lib/registry/service";
import { listTeams } from "@/lib/teams/service";
import { createModelAction } from "./actions";
import { ModelForm } from "./model-form";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Model registry" };

export default async function RegistryPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/registry");
  const q = searchParam(search.q).trim().slice(0, 100);
  const cursor = searchParam(search.cursor) || undefined;
  const creates = can(actor.principal, "registry.create");
  const [page, teams] = await pageRead(
    () =>
      Promise.all([
        orFirstPage(listModels(actor, { q: q || undefined, cursor }), () => listModels(actor, { q: q || undefined })),
        creates ? listTeams(actor, { limit: 100 }) : { items: [], nextCursor: null },
      ]),
    `/${slug}/registry`,
  );

  const base = `/${actor.org.slug}/registry`;

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
      <CatalogList
        noun="model"
        icon={Package}
        base={base}
        q={q}
        cursor={cursor}
        page={page}
        emptyHint={
          creates
            ? "Create a model below, then promote a run to it from the run's page (or register a version through the API) and point @production at it."
            : "Owners and admins register models here; you can then move their unprotected aliases. Ask one of them to create the first model."
        }
      />
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
