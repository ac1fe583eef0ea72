import type { Metadata } from "next";
import Link from "next/link";
import { CenteredCard } from "@/components/shell/page-shell";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <CenteredCard title="Reset your password" description="Enter your account's email address and we will send you a link.">
      <ForgotPasswordForm />
      <p className="mt-6 text-sm">
        <Link href="/signin" className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Back to sign in
        </Link>
      </p>
    </CenteredCard>
  );
}
