import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CenteredCard } from "@/components/shell/page-shell";
import { currentActor, safeNext } from "@/lib/http/pages";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string }> }) {
  const { next, email } = await searchParams;
  const target = safeNext(next);
  if ((await currentActor()).viewer) redirect(target);
  // Sign-up keeps where the person was going and the address they were invited with.
  const signUp = new URLSearchParams(Object.entries({ next: target === "/" ? undefined : target, email }).filter(([, v]) => v) as [string, string][]);
  return (
    <CenteredCard title="Sign in to Atrium">
      <SignInForm next={target} email={email} />
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
