import type { Metadata } from "next";
import Link from "next/link";
import { CenteredCard } from "@/components/shell/page-shell";

export const metadata: Metadata = { title: "Check your email" };

export default async function SignUpSentPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const address = typeof email === "string" && email.length <= 254 ? email : null;
  return (
    <CenteredCard title="Check your email">
      <p role="status" className="text-sm text-slate-700">
        We sent a link to {address ? <b className="break-all">{address}</b> : "your address"}. Open it to finish creating your account: it works for 24 hours.
      </p>
      <p className="mt-4 text-sm text-slate-600">
        No mail after a few minutes? Check your spam folder, or{" "}
        <Link href="/signin" className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          sign in
        </Link>{" "}
        if you already have an account.
      </p>
    </CenteredCard>
  );
}
