"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { resendVerificationAction } from "./actions";

export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div role="status" className="mb-6 flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 sm:flex-row sm:items-center">
      <p className="flex-1">
        Confirm your email address <b className="break-all">{email}</b> with the link we sent you.
      </p>
      <ActionForm action={resendVerificationAction} className="shrink-0">
        {() => (
          <SubmitButton size="sm" variant="secondary" pendingLabel="Sending…">
            Send the link again
          </SubmitButton>
        )}
      </ActionForm>
    </div>
  );
}
