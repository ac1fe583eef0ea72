import type { Metadata } from "next";
import { Blocks } from "lucide-react";
import { CatalogList } from "@/components/catalog/catalog-list";
import { buttonStyles } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/authz";
import { orgActorFor, pageRead } from "@/lib/http/pages";
import { listComponents } from "@/lib/hub/service";
import { createComponentAction } from "./actions";
import { ComponentForm } from "./component-form";
import { orFirstPage, searchParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Component hub" };

export default async function HubPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }> }) {
  const { org: slug } = await params;
  const search = await searchParams;
  const actor = await orgActorFor(slug, "/hub");
  const q = searchParam(search.q).trim().slice(0, 100);
  const cursor = searchParam(search.cursor) || undefined;
  const creates = can(actor.principal, "hub.create");
  const page = await pageRead(
    () =>
      orFirstPage(listComponents(actor, { q: q || undefined, cursor }), () => listComponents(actor, { q: q || undefined })),
    `/${slug}/hub`,
  );

  const base = `/${actor.org.slug}/hub`;

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
      <CatalogList
        noun="component"
        icon={Blocks}
        base={base}
        q={q}
        cursor={cursor}
        page={page}
        emptyHint={
          creates
            ? "Create a component below with its YAML spec (inputs, outputs, container), then tag a version stable for others to use."
            : "Owners and admins publish components here for every project to use. Ask one of them to add the first one."
        }
      />
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
