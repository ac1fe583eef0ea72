import { AppHeader } from "@/components/shell/app-header";
import type { Actor } from "@/lib/auth/context";
import { listMyOrgs } from "@/lib/orgs/service";
import { signOutAction } from "./actions";

/** The header of every signed-in page: org switcher fed by the caller's memberships. */
export async function SiteHeader({ actor, currentOrgSlug }: { actor: Actor; currentOrgSlug?: string }) {
  const orgs = actor.viewer ? (await listMyOrgs(actor)).items : [];
  return <AppHeader user={actor.viewer} orgs={orgs} currentOrgSlug={currentOrgSlug} signOutAction={signOutAction} />;
}
