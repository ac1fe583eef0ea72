import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CenteredCard } from "@/components/shell/page-shell";
import { AppError } from "@/lib/errors";
import { currentActor } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";
import { getInvitationByToken } from "@/lib/invitations/service";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account", referrer: "no-referrer" };

type Search = { next?: string; email?: string; invitation?: string };

/** The invitation a sign-up comes from: named outright, or the link page it returns to. */
const invitationToken = (invitation: string | undefined, next: string) =>
  (typeof invitation === "string" && invitation) || next.match(/^\/invite\/([A-Za-z0-9_-]{1,200})$/)?.[1] || undefined;

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { next, email, invitation } = await searchParams;
  const target = safeNext(next);
  if ((await currentActor()).viewer) redirect(target);
  const token = invitationToken(invitation, target);
  // Only to word the page; the service decides whether the invitation verifies the address.
  const invited = token
    ? await getInvitationByToken(token).catch((error) => {
        if (error instanceof AppError) return null;
        throw error;
      })
    : null;
  const pending = invited?.status === "pending" ? invited : null;
  const signIn = new URLSearchParams(Object.entries({ next: target === "/" ? undefined : target, email }).filter(([, v]) => v) as [string, string][]);
  return (
    <CenteredCard
      title="Create your Atrium account"
      description={
        pending
          ? `Then accept ${pending.inviterName ? `${pending.inviterName}'s` : "your"} invitation to join ${pending.org.name}.`
          : "We will send a link to confirm your email address."
      }
    >
      <SignUpForm
        next={target}
        email={email ?? pending?.email}
        invitation={token}
        emailHint={pending ? `Use ${pending.email}, the address the invitation was sent to, and it needs no confirmation.` : undefined}
      />
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={signIn.size ? `/signin?${signIn}` : "/signin"} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Sign in
        </Link>
      </p>
    </CenteredCard>
  );
}
