"use client";

import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/components/ui/form-state";
import type { DomainClaim } from "@/lib/domains/service";
import { checkDomainAction } from "./actions";
import { CopyableValue } from "./copy-button";

/** Each claimed domain with its proof: the TXT record to publish, its status, and "Check now" (owners). */
export function DomainClaims({ claims, orgSlug, canEdit }: { claims: DomainClaim[]; orgSlug: string; canEdit: boolean }) {
  const [state, dispatch] = useActionState<FormState, FormData>(checkDomainAction, null);
  return (
    <Card
      title="Domain verification"
      description="A domain counts (for open join, “Sign in with SSO” and your identity provider) only once a DNS TXT record proves it is yours. We check again every day; removing the record removes the proof."
    >
      {claims.length === 0 ? (
        <p className="text-sm text-slate-600">No domains yet. List your email domains above and save; each then shows the record to add here.</p>
      ) : (
        <>
          {state?.ok === false ? <FormMessage message={state.message} /> : state?.message && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{state.message}</p>}
          <ul className="space-y-4">
            {claims.map((claim) => (
              <li key={claim.domain} className="space-y-3 rounded-md border border-slate-200 p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="min-w-0 font-medium break-all text-slate-900">{claim.display}</p>
                  <Badge tone={claim.status === "verified" ? "green" : "amber"}>{claim.status === "verified" ? "Verified" : "Pending"}</Badge>
                </div>
                {claim.status === "pending" && (
                  <div className="space-y-2 text-sm text-slate-700">
                    <p>Add this TXT record at your DNS provider, then check:</p>
                    <p className="text-xs font-medium text-slate-600 uppercase">Name</p>
                    <CopyableValue value={claim.record.name} label={`record name for ${claim.display}`} />
                    <p className="text-xs font-medium text-slate-600 uppercase">Value</p>
                    <CopyableValue value={claim.record.value} label={`record value for ${claim.display}`} />
                  </div>
                )}
                {canEdit && (
                  <form action={dispatch} className="flex flex-wrap items-center gap-3">
                    <input type="hidden" name="currentSlug" value={orgSlug} />
                    <input type="hidden" name="domain" value={claim.domain} />
                    <SubmitButton variant="secondary" size="sm" pendingLabel="Checking…">
                      Check now<span className="sr-only"> {claim.display}</span>
                    </SubmitButton>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
