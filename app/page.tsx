import { redirect } from "next/navigation";
import { connection } from "next/server";
import { currentActor } from "@/lib/http/pages";
import { homeOrgSlug, listMyOrgs } from "@/lib/orgs/service";
import { listSharedProjects } from "@/lib/projects/shared";

/**
 * "/" takes people where they left off: their last organization, their list (which also shows the
 * projects an outside collaborator was invited to), or the create page.
 */
export default async function Home() {
  await connection();
  const actor = await currentActor();
  if (!actor.viewer) redirect("/signin");
  const last = await homeOrgSlug(actor);
  if (last) redirect(`/${last}`);
  const [{ items }, shared] = await Promise.all([listMyOrgs(actor, { limit: 1 }), listSharedProjects(actor)]);
  redirect(items.length || shared.length ? "/orgs" : "/orgs/new");
}
