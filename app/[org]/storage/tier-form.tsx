"use client";

import { useActionState, useRef, useState } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { Button, SubmitButton } from "@/components/ui/button";
import { DialogPanel } from "@/components/ui/dialog-panel";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { initialFormState, type FormAction } from "@/components/ui/form-state";
import { useFormStateToast } from "@/components/ui/use-form-state-toast";

export type TierChoice = { id: string; name: string; limit: string; fits: boolean };

/** The owner's tier picker: it asks first, and says so when the usage does not fit the smaller tier. */
export function TierForm({ action, orgSlug, current, tiers }: { action: FormAction; orgSlug: string; current: string; tiers: TierChoice[] }) {
  const [state, formAction] = useActionState(action, initialFormState);
  useFormStateToast(state, { error: false });
  const form = useRef<HTMLFormElement>(null);
  const [selected, setSelected] = useState(current);
  const [asking, setAsking] = useState(false);
  const confirmed = useRef(false);
  const choice = tiers.find((t) => t.id === selected);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        if (confirmed.current) {
          confirmed.current = false;
          return;
        }
        event.preventDefault();
        setAsking(true);
      }}
      className="space-y-4"
    >
      <input type="hidden" name="currentSlug" value={orgSlug} />
      <FormMessage message={state && !state.ok ? state.message : undefined} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-72" onChange={({ target }) => target instanceof HTMLSelectElement && setSelected(target.value)}>
          <SelectField name="tier" id="storage-tier" label="Storage tier" defaultValue={current} error={state?.fields?.tier} options={tiers.map((t) => ({ value: t.id, label: `${t.name}: ${t.limit}` }))} />
        </div>
        <SubmitButton variant="secondary" pendingLabel="Changing…" disabled={selected === current}>
          Change tier
        </SubmitButton>
      </div>
      {asking && choice && (
        <Dialog.Root open onOpenChange={(open) => !open && setAsking(false)}>
          <DialogPanel
            title={`Move to the ${choice.name} tier?`}
            description={
              choice.fits
                ? `The organization may then store ${choice.limit}. Nothing stored is touched.`
                : `What is stored now is more than ${choice.limit}: nothing is deleted, but every new artifact is refused until enough is deleted and purged.`
            }
          >
            <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Dialog.Close asChild>
                <Button variant="secondary">Cancel</Button>
              </Dialog.Close>
              <Button
                variant="danger"
                onClick={() => {
                  confirmed.current = true;
                  setAsking(false);
                  form.current?.requestSubmit();
                }}
              >
                Move to {choice.name}
              </Button>
            </div>
          </DialogPanel>
        </Dialog.Root>
      )}
    </form>
  );
}
