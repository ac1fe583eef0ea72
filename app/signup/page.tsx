import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CenteredCard } from "@/components/shell/page-shell";
import { currentActor, safeNext } from "@/lib/http/pages";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string }> }) {
  const { next, email } = await searchParams;
  const target = safeNext(next);
  if ((await currentActor()).viewer) redirect(target);
  return (
    <CenteredCard title="Create your Atrium account" description="We will send a link to confirm your email address.">
      <SignUpForm next={target} email={email} />
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={target === "/" ? "/signin" : `/signin?next=${encodeURIComponent(target)}`} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Sign in
        </Link>
      </p>
    </CenteredCard>
  );
}
