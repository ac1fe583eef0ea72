import { ButtonForm } from "@/components/ui/button-form";
import { resendVerificationAction } from "./actions";

export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div role="status" className="mb-6 flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 sm:flex-row sm:items-center">
      <p className="flex-1">
        Confirm that <b className="break-all">{email}</b> is your address: open the link we email to it.
      </p>
      <ButtonForm action={resendVerificationAction} label="Email me the link" pendingLabel="Sending…" />
    </div>
  );
}
