"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fieldControlStyles } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/form-state";

type ProtectAliasFormProps = {
  action: FormAction;
  fields: Record<string, string>;
  alias: string;
  isProtected: boolean;
  teams: { slug: string; name: string }[];
};

/** Protect an alias (optionally for one team besides owners and admins), or lift its protection. */
export function ProtectAliasForm({ action, fields, alias, isProtected, teams }: ProtectAliasFormProps) {
  return (
    <ActionForm action={action} className="relative flex flex-wrap items-center gap-2 md:justify-end">
      {() => (
        <>
          {Object.entries({ ...fields, alias, protected: String(!isProtected) }).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {!isProtected && teams.length > 0 && (
            <>
              <label htmlFor={`protect-team-${alias}`} className="sr-only">{`Team that may also move @${alias}`}</label>
              <select id={`protect-team-${alias}`} name="team" defaultValue="" className={cn(fieldControlStyles({}), "h-8 w-auto max-w-44 py-0")}>
                <option value="">Owners and admins only</option>
                {teams.map((t) => (
                  <option key={t.slug} value={t.slug}>{`Also ${t.name}`}</option>
                ))}
              </select>
            </>
          )}
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            {isProtected ? "Unprotect" : "Protect"}
            <span className="sr-only">{` @${alias}`}</span>
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
