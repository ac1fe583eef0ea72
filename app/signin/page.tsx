import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { KeyRound } from "lucide-react";
import { CenteredCard } from "@/components/shell/page-shell";
import { buttonStyles } from "@/components/ui/button";
import { currentActor } from "@/lib/http/pages";
import { safeNext } from "@/lib/http/safe-next";
import { configuredProviders } from "@/lib/sso/providers";
import { StartSsoButton } from "../sso/sso-forms";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string; linked?: string }> }) {
  const { next, email, linked } = await searchParams;
  const target = safeNext(next);
  if ((await currentActor()).viewer) redirect(target);
  // Sign-up keeps where the person was going and the address they were invited with.
  const signUp = new URLSearchParams(Object.entries({ next: target === "/" ? undefined : target, email }).filter(([, v]) => v) as [string, string][]);
  const back = target === "/" ? undefined : target;
  const sso = `/sso${back ? `?${new URLSearchParams({ next: back })}` : ""}`;
  return (
    <CenteredCard title="Sign in to Atrium">
      {linked && (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          The sign-in is linked. Sign in through it, or with your password.
        </p>
      )}
      <SignInForm next={target} email={email} />
      <div className="my-6 flex items-center gap-3 text-xs text-slate-600 uppercase" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
      </div>
      <div className="space-y-3">
        <Link href={sso} className={buttonStyles({ variant: "secondary", className: "w-full" })}>
          <KeyRound className="size-4" aria-hidden="true" /> Sign in with SSO
        </Link>
        {configuredProviders().map((p) => (
          <StartSsoButton key={p.id} provider={p.id} label={p.name} next={back} />
        ))}
      </div>
      <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password" className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Forgot your password?
        </Link>
        <Link href={signUp.size ? `/signup?${signUp}` : "/signup"} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Create an account
        </Link>
      </div>
    </CenteredCard>
  );
}
