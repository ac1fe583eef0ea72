"use client";

import { useState, useTransition } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { CircleCheck, CircleX, Loader2 } from "lucide-react";
import { ROLE_LABELS, type OrgRole } from "@/lib/authz/roles";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DialogPanel } from "@/components/ui/dialog-panel";
import { fieldControlStyles } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { BulkOutcome } from "@/lib/members/bulk";

export type BulkResult = { ok: boolean; message?: string; outcomes?: BulkOutcome[] };
export type BulkAction = (formData: FormData) => Promise<BulkResult>;

type Person = { id: string; name: string; email: string };

type BulkBarProps = {
  orgSlug: string;
  orgName: string;
  chosen: Person[];
  roles: OrgRole[];
  allSelected: boolean;
  onSelectAll: (on: boolean) => void;
  onDone: () => void;
  action: BulkAction;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Select several members, then change their role or remove them: asks first, then reports on each person. */
export function BulkBar({ orgSlug, orgName, chosen, roles, allSelected, onSelectAll, onDone, action }: BulkBarProps) {
  const [role, setRole] = useState<OrgRole>(roles.includes("member") ? "member" : roles[0]);
  const [operation, setOperation] = useState<"role" | "remove" | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [pending, startTransition] = useTransition();
  const asked = operation !== null;
  const names = new Map(chosen.map((p) => [p.id, p]));

  const run = () =>
    startTransition(async () => {
      const formData = new FormData();
      formData.set("currentSlug", orgSlug);
      formData.set("operation", operation!);
      formData.set("role", role);
      for (const person of chosen) formData.append("userIds", person.id);
      setResult(await action(formData));
    });

  const close = () => {
    if (result?.outcomes) onDone();
    setOperation(null);
    setResult(null);
  };

  const who = chosen.length === 1 ? chosen[0].name : plural(chosen.length, "member");
  const title = operation === "remove" ? `Remove ${who}?` : `Make ${who} ${role === "admin" ? "an" : "a"} ${role}?`;
  const consequence =
    operation === "remove"
      ? `They lose access to ${orgName} on their next request, with their team memberships and project grants here; invitations they sent that are still pending are revoked.`
      : role === "owner"
        ? `Owners can do everything in ${orgName}: change its settings and sign-in, remove anyone (other owners and you included) and delete it.`
        : `Their role in ${orgName} becomes ${ROLE_LABELS.org[role]}.`;
  const done = result?.outcomes?.filter((o) => o.ok).length ?? 0;

  return (
    <div className="mb-3 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm">
      <label className="flex items-center gap-2 font-medium text-slate-900">
        <input type="checkbox" checked={allSelected} onChange={(event) => onSelectAll(event.target.checked)} className="size-4 rounded border-slate-300 accent-indigo-600" />
        Select all on this page
      </label>
      <span className="text-slate-600" aria-live="polite">
        {chosen.length ? `${plural(chosen.length, "member")} selected` : "None selected"}
      </span>
      <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
        <label htmlFor="bulk-role" className="sr-only">
          New role for the selected members
        </label>
        <select id="bulk-role" value={role} onChange={(event) => setRole(event.target.value as OrgRole)} className={cn(fieldControlStyles({}), "h-8 max-w-36 py-0")}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS.org[r]}
            </option>
          ))}
        </select>
        <Button variant="secondary" size="sm" disabled={!chosen.length} aria-haspopup="dialog" onClick={() => setOperation("role")}>
          Change role
        </Button>
        <Button variant="secondary" size="sm" disabled={!chosen.length} aria-haspopup="dialog" className="text-red-700 hover:text-red-800" onClick={() => setOperation("remove")}>
          Remove
        </Button>
      </div>
      {asked && (
        <Dialog.Root open onOpenChange={(open) => !open && !pending && close()}>
          <DialogPanel
            title={result?.outcomes ? `${done} of ${plural(result.outcomes.length, "member")} ${operation === "remove" ? "removed" : "changed"}` : title}
            description={result?.outcomes ? "What happened to each person:" : consequence}
          >
            {result?.outcomes ? (
              <>
                <ul className="mt-4 max-h-72 space-y-2 overflow-y-auto text-sm">
                  {result.outcomes.map((o) => {
                    const person = names.get(o.userId);
                    return (
                      <li key={o.userId} className="flex items-start gap-2">
                        {o.ok ? <CircleCheck className="mt-0.5 size-4 shrink-0 text-green-700" aria-label="Done" /> : <CircleX className="mt-0.5 size-4 shrink-0 text-red-700" aria-label="Refused" />}
                        <span className="min-w-0">
                          <span className="block truncate font-medium text-slate-900">{person?.name ?? o.userId}</span>
                          <span className="block text-slate-700">{o.message}</span>
                        </span>
                      </li>
                    );
                  })}
                </ul>
                <div className="mt-5 flex justify-end">
                  <Button onClick={close}>Done</Button>
                </div>
              </>
            ) : (
              <>
                <ul className="mt-4 max-h-40 space-y-1 overflow-y-auto text-sm text-slate-900">
                  {chosen.map((p) => (
                    <li key={p.id} className="truncate">
                      {p.name} <span className="text-slate-600">{p.email}</span>
                    </li>
                  ))}
                </ul>
                <div className="mt-4">
                  <FormMessage message={result && !result.ok ? result.message : undefined} />
                </div>
                <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                  <Dialog.Close asChild>
                    <Button variant="secondary" disabled={pending}>
                      Cancel
                    </Button>
                  </Dialog.Close>
                  <Button variant="danger" disabled={pending} onClick={run}>
                    {pending && <Loader2 className="size-4 animate-spin" aria-hidden="true" />}
                    {operation === "remove" ? `Remove ${plural(chosen.length, "member")}` : `Change ${plural(chosen.length, "role")}`}
                  </Button>
                </div>
              </>
            )}
          </DialogPanel>
        </Dialog.Root>
      )}
    </div>
  );
}
