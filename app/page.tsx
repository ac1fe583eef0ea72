import { redirect } from "next/navigation";
import { connection } from "next/server";
import { currentActor } from "@/lib/http/pages";
import { homeOrgSlug, listMyOrgs } from "@/lib/orgs/service";

/** "/" takes people where they left off: their last organization, their list, or the create page. */
export default async function Home() {
  await connection();
  const actor = await currentActor();
  if (!actor.viewer) redirect("/signin");
  const last = await homeOrgSlug(actor);
  if (last) redirect(`/${last}`);
  const { items } = await listMyOrgs(actor, { limit: 1 });
  redirect(items.length ? "/orgs" : "/orgs/new");
}
