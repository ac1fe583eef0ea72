"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { ValidationError } from "@/lib/errors";
import { flash } from "@/lib/flash";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { formFieldsOf, movedMessage, moveNames, movesFromForm } from "@/lib/pointers/form";
import { createModel, deleteModel, moveAliases, setAliasProtection } from "@/lib/registry/service";

export async function createModelAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  let created: string | null = null;
  const result = await formAction(formData, async ({ currentSlug: _slug, ownerTeam, ...values }) => {
    // The form's "No team" is empty; the service takes null for it.
    const model = await createModel(await orgActorFor(slug, "/registry"), { ...values, ownerTeam: ownerTeam || null });
    created = model.name;
  });
  if (created) {
    await flash(`Model ${created} created. Register its first version by promoting a run, or through the API.`);
    redirect(`/${slug}/registry/${created}`);
  }
  return result;
}

/** A change on one model, as the caller; the model's page shows it afterwards. */
async function modelAction(formData: FormData, run: (actor: Awaited<ReturnType<typeof orgActorFor>>, model: string, values: UntrustedInput) => Promise<string>) {
  const slug = String(formData.get("currentSlug"));
  const model = String(formData.get("model"));
  const result = await formAction(formData, async (values) => run(await orgActorFor(slug, `/registry/${model}`), model, values));
  if (result.ok) revalidatePath(`/${slug}/registry/${model}`);
  return result;
}

export const moveAliasesAction = async (_: FormState, formData: FormData) =>
  modelAction(formData, async (actor, model, values) => {
    const { input, fieldOf } = movesFromForm(values);
    if (!input.moves.length) throw new ValidationError("Choose where at least one alias goes, or name a new one.", { newName: "Name an alias, or choose a move above." });
    try {
      const { aliases, moved } = await moveAliases(actor, model, input);
      if (moved === 0) return "Nothing changed: every alias already pointed there.";
      return movedMessage(input.moves, aliases, "@");
    } catch (error) {
      throw formFieldsOf(error, fieldOf, moveNames(input.moves));
    }
  });

export const protectAliasAction = async (_: FormState, formData: FormData) =>
  modelAction(formData, async (actor, model, values) => {
    const protect = values.protected === "true";
    const alias = await setAliasProtection(actor, model, String(values.alias), { protected: protect, team: protect && values.team ? values.team : null });
    if (!alias.protected) return `@${alias.name} is no longer protected: every member can move it.`;
    return `@${alias.name} is protected: only owners${alias.team ? `, admins and members of ${alias.team.name}` : " and admins"} may move it.`;
  });

export async function deleteModelAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const model = String(formData.get("model"));
  const result = await formAction(formData, async (values) => {
    if (values.confirm !== model) throw new ValidationError("Type the model's name to confirm.", { confirm: `Type ${model} to confirm.` });
    await deleteModel(await orgActorFor(slug, `/registry/${model}`), model);
  });
  if (result.ok) {
    await flash(`Model ${model} deleted, with its versions and alias history.`);
    redirect(`/${slug}/registry`);
  }
  return result;
}
