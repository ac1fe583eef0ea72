"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { verifyEmailAction } from "./actions";

export function VerifyEmailForm({ token }: { token: string }) {
  return (
    <ActionForm action={verifyEmailAction}>
      {() => (
        <>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingLabel="Verifying…">Verify my email</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
