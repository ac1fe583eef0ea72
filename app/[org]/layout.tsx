import type { ReactNode } from "react";
import { OrgShell } from "@/components/shell/page-shell";
import { OrgSidebar, type OrgNavItem } from "@/components/shell/org-sidebar";
import { can } from "@/lib/authz";
import { mailDeliveryProblem } from "@/lib/config";
import { orgVisitorFor, pageRead } from "@/lib/http/pages";
import { countPendingInvitations } from "@/lib/invitations/service";
import { getOrg, rememberLastOrg } from "@/lib/orgs/service";
import { FlashNotice } from "@/components/shell/flash-notice";
import { SiteHeader } from "../site-header";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  // A member who must first sign in through the organization's SSO is sent there by the page,
  // which knows where to come back to; the layout only draws the frame around that redirect.
  const actor = await orgVisitorFor(slug, "", { ssoRedirect: false });
  const { principal } = actor;
  // Whoever does not see the organization (an outside collaborator, a visitor of a public
  // organization, a stranger) gets the frame without its navigation: the page's service decides
  // what, if anything, they may read there.
  if (!principal.ssoPending && !can(principal, "org.view")) {
    return (
      <OrgShell header={<SiteHeader actor={actor} />} sidebar={null}>
        <FlashNotice />
        {children}
      </OrgShell>
    );
  }
  if (!principal.ssoPending) {
    await pageRead(() => getOrg(actor), `/${slug}`);
    await rememberLastOrg(actor);
  }

  const base = `/${actor.org.slug}`;
  const items: OrgNavItem[] = [
    { href: base, label: "Overview", icon: "dashboard" },
    { href: `${base}/projects`, label: "Projects", icon: "projects" },
    { href: `${base}/registry`, label: "Registry", icon: "registry" },
    { href: `${base}/hub`, label: "Hub", icon: "hub" },
    { href: `${base}/teams`, label: "Teams", icon: "teams" },
    { href: `${base}/members`, label: "Members", icon: "members" },
  ];
  if (can(principal, "invitation.list")) {
    const pending = await countPendingInvitations(actor);
    items.push({ href: `${base}/invitations`, label: "Invitations", icon: "invitations", count: pending, countLabel: "pending" });
  }
  items.push({ href: `${base}/storage`, label: "Storage", icon: "storage" });
  items.push({ href: `${base}/settings`, label: "Settings", icon: "settings" });
  if (can(principal, "org.audit.view")) items.push({ href: `${base}/audit`, label: "Audit log", icon: "audit" });

  const mailProblem = actor.role === "owner" ? mailDeliveryProblem() : null;

  return (
    <OrgShell header={<SiteHeader actor={actor} currentOrgSlug={actor.org.slug} />} sidebar={<OrgSidebar orgSlug={actor.org.slug} items={items} />}>
      <FlashNotice />
      {mailProblem && (
        <p role="alert" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          {mailProblem} Whoever runs this Atrium server must set SMTP_URL before anyone can be invited.
        </p>
      )}
      {children}
    </OrgShell>
  );
}
