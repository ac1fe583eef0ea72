"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { leaveOrgAction } from "./actions";

export function LeaveOrgForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={leaveOrgAction}>
      {() => (
        <>
          <input type="hidden" name="currentSlug" value={slug} />
          <SubmitButton variant="secondary" pendingLabel="Leaving…">
            Leave organization
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
