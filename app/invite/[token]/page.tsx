import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CircleAlert, MailCheck } from "lucide-react";
import { CenteredCard } from "@/components/shell/page-shell";
import { Badge, RoleBadge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/button";
import { ButtonForm } from "@/components/ui/button-form";
import { RelativeTime } from "@/components/ui/time";
import { NotFoundError } from "@/lib/errors";
import { currentActor } from "@/lib/http/pages";
import { emailTrustedFor, getInvitationByToken, type InvitationStatus } from "@/lib/invitations/service";
import { orgSsoBySlug } from "@/lib/sso/registry";
import { StartSsoButton } from "../../sso/sso-forms";
import { resendVerificationAction } from "../../account/actions";
import { ProjectRoleBadge } from "../../[org]/projects/badges";
import { acceptInvitationAction, declineInvitationAction, switchAccountAction } from "./actions";

// The token is a secret: never send it onwards in a Referer header.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

type Invitation = Awaited<ReturnType<typeof getInvitationByToken>>;

const linkStyles = "text-indigo-700 underline underline-offset-2 hover:text-indigo-900";

/** Who sent it, in words: the inviter, or who may send such invitations. */
const sender = (i: Invitation) => i.inviterName ?? (i.project ? `an admin of ${i.project.name}` : `an owner or admin of ${i.org.name}`);
/** What it offers, in words: "join Acme", "collaborate on Vision in Acme". */
const offered = (i: Invitation) => (i.project ? `collaborate on ${i.project.name} in ${i.org.name}` : `join ${i.org.name}`);

const CLOSED: Record<Exclude<InvitationStatus, "pending">, { title: string; text: (i: Invitation) => string }> = {
  expired: { title: "This invitation has expired", text: (i) => `Invitation links work for 7 days. Ask ${sender(i)} to send a new one.` },
  revoked: { title: "This invitation was withdrawn", text: (i) => `${i.project ? `An admin of ${i.project.name}` : `An owner or admin of ${i.org.name}`} revoked it. Ask them if you think this is a mistake.` },
  accepted: { title: "This invitation was already accepted", text: (i) => `It was used to ${offered(i)}. Each invitation link works once.` },
  declined: { title: "This invitation was declined", text: (i) => `If that was a mistake, ask ${sender(i)} to invite you again.` },
};

/**
 * The invitation link. Opening it changes nothing (mail scanners follow links); Accept and Decline
 * are POSTs. Who sees what: signed out, a way to sign in or sign up as the invited address; signed
 * in as someone else, a way to switch; signed in as the invited address, Accept and Decline.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [actor, invitation] = await Promise.all([
    currentActor(),
    getInvitationByToken(token).catch((error) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    }),
  ]);

  // A 404 with its own page (./not-found.tsx), which says what to do about it.
  if (!invitation) notFound();

  const { viewer } = actor;
  const next = `/invite/${encodeURIComponent(token)}`;

  if (invitation.status !== "pending") {
    const closed = CLOSED[invitation.status];
    const isInvitee = viewer?.email === invitation.email.toLowerCase();
    return (
      <CenteredCard title={closed.title} description={`Invitation to ${offered(invitation)} as ${invitation.email}.`}>
        <p className="text-sm text-slate-700">
          {closed.text(invitation)} Nothing was changed by opening this link.
        </p>
        {invitation.status === "accepted" && isInvitee ? (
          <Link href={invitation.project ? `/${invitation.org.slug}/projects/${invitation.project.slug}` : `/${invitation.org.slug}`} className={buttonStyles({ className: "mt-6" })}>
            Go to {invitation.project?.name ?? invitation.org.name}
          </Link>
        ) : (
          <HomeLink />
        )}
      </CenteredCard>
    );
  }

  const title = invitation.project ? `Collaborate on ${invitation.project.name}` : `Join ${invitation.org.name}`;
  const description = invitation.project
    ? `${invitation.inviterName ?? "Someone"} invited you to the project ${invitation.project.name} of ${invitation.org.name} on Atrium. You will see this project only, without joining ${invitation.org.name}.`
    : `${invitation.inviterName ?? "Someone"} invited you to join ${invitation.org.name} on Atrium.`;
  const tokenField = { token };

  if (!viewer) {
    const signIn = new URLSearchParams({ next, email: invitation.email });
    const signUp = new URLSearchParams({ next, email: invitation.email, invitation: token });
    // The organization's own single sign-on is for its members, not for outside collaborators.
    const sso = invitation.project ? null : await orgSsoBySlug(invitation.org.slug);
    return (
      <CenteredCard title={title} description={description}>
        <Summary invitation={invitation} />
        <p className="mt-6 text-sm text-slate-700">
          To accept, sign in or create an account with <b className="font-medium break-words">{invitation.email}</b>.
        </p>
        <div className="mt-4 flex flex-col gap-3 sm:flex-row">
          <Link href={`/signin?${signIn}`} className={buttonStyles({})}>
            Sign in
          </Link>
          <Link href={`/signup?${signUp}`} className={buttonStyles({ variant: "secondary" })}>
            Create an account
          </Link>
        </div>
        {sso && (
          <div className="mt-4 space-y-3">
            {sso.methods.map((method) => (
              <StartSsoButton key={method.key} provider={method.key} label={method.name} org={sso.org.slug} next={next} loginHint={invitation.email} />
            ))}
          </div>
        )}
      </CenteredCard>
    );
  }

  if (viewer.email !== invitation.email.toLowerCase()) {
    return (
      <CenteredCard title={title} description={description}>
        <Summary invitation={invitation} />
        <Notice>
          This invitation is for <b className="font-medium break-words">{invitation.email}</b>; you are signed in as <b className="font-medium break-words">{viewer.email}</b>. Sign
          in with the invited address to accept it.
        </Notice>
        <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center">
          <ButtonForm action={switchAccountAction} fields={tokenField} label="Sign out and switch account" pendingLabel="Signing out…" variant="primary" size="md" />
          <Link href="/" className={`text-sm ${linkStyles}`}>
            Stay signed in as {viewer.name}
          </Link>
        </div>
      </CenteredCard>
    );
  }

  if (!emailTrustedFor(viewer, invitation.org.id)) {
    return (
      <CenteredCard title={title} description={description}>
        <Summary invitation={invitation} />
        <Notice icon={<MailCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />}>
          Confirm your email address first: open the link we sent to <b className="font-medium break-words">{viewer.email}</b>. Then come back to this page, or accept the
          invitation from your list of organizations.
        </Notice>
        <div className="mt-4">
          <ButtonForm action={resendVerificationAction} label="Send the confirmation link again" pendingLabel="Sending…" size="md" />
        </div>
      </CenteredCard>
    );
  }

  return (
    <CenteredCard title={title} description={description}>
      <Summary invitation={invitation} />
      <p className="mt-6 text-sm text-slate-700">
        Signed in as <b className="font-medium break-words">{viewer.email}</b>.
      </p>
      <div className="mt-4 flex flex-wrap gap-3">
        <ButtonForm action={acceptInvitationAction} fields={tokenField} label="Accept invitation" pendingLabel="Joining…" variant="primary" size="md" />
        <ButtonForm action={declineInvitationAction} fields={tokenField} label="Decline" pendingLabel="Declining…" size="md" />
      </div>
    </CenteredCard>
  );
}

function Summary({ invitation }: { invitation: Invitation }) {
  const rows: [string, ReactNode][] = [
    ["Organization", invitation.org.name],
    ...(invitation.project ? ([["Project", invitation.project.name]] as [string, ReactNode][]) : []),
    ["Invited by", invitation.inviterName ?? "—"],
    ["Role", invitation.project ? <ProjectRoleBadge key="role" role={invitation.role} /> : <RoleBadge key="role" role={invitation.role} />],
    ["Sent to", <span key="email" className="break-words">{invitation.email}</span>],
    [
      "Expires",
      invitation.expiresAt.getTime() <= Date.now() ? <Badge key="expires" tone="red">Expired</Badge> : <RelativeTime key="expires" date={invitation.expiresAt} />,
    ],
  ];
  return (
    <dl className="divide-y divide-slate-200 rounded-md border border-slate-200 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="flex items-center justify-between gap-4 px-3 py-2">
          <dt className="text-slate-600">{term}</dt>
          <dd className="min-w-0 text-right font-medium text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Notice({ children, icon }: { children: ReactNode; icon?: ReactNode }) {
  return (
    <div role="status" className="mt-6 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {icon ?? <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />}
      <p>{children}</p>
    </div>
  );
}

function HomeLink() {
  return (
    <Link href="/" className={`mt-6 inline-block text-sm font-medium ${linkStyles}`}>
      Go to Atrium
    </Link>
  );
}
