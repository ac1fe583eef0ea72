import { AppHeader } from "@/components/shell/app-header";
import { currentActor } from "@/lib/http/pages";
import { listMyOrgs } from "@/lib/orgs/service";
import { signOutAction } from "./actions";

/** The header of every signed-in page: org switcher fed by the caller's memberships. */
export async function SiteHeader({ currentOrgSlug }: { currentOrgSlug?: string }) {
  const actor = await currentActor();
  const orgs = actor.viewer ? (await listMyOrgs(actor)).items : [];
  return <AppHeader user={actor.viewer} orgs={orgs} currentOrgSlug={currentOrgSlug} signOutAction={signOutAction} />;
}
