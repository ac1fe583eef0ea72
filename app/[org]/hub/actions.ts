"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { ValidationError } from "@/lib/errors";
import { flash } from "@/lib/flash";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { createComponent, deleteComponent, moveTags, pushVersion } from "@/lib/hub/service";
import { formFieldsOf, movedMessage, moveNames, movesFromForm } from "@/lib/pointers/form";

/** A refused spec: its line-numbered error stays next to the spec box, the form's message says where to look. */
const specRefusal = (error: unknown) =>
  error instanceof ValidationError && error.fields?.spec ? new ValidationError("The spec has a mistake: it is marked under the spec box. Nothing was saved.", error.fields) : error;

export async function createComponentAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  let created: string | null = null;
  const result = await formAction(formData, async ({ currentSlug: _slug, spec, ...values }) => {
    // An empty spec box means no first version yet.
    const component = await createComponent(await orgActorFor(slug, "/hub"), { ...values, ...(typeof spec === "string" && spec.trim() ? { spec } : {}) }).catch((error) => {
      throw specRefusal(error);
    });
    created = component.name;
  });
  if (created) {
    await flash(`Component ${created} created.`);
    redirect(`/${slug}/hub/${created}`);
  }
  return result;
}

type OrgActor = Awaited<ReturnType<typeof orgActorFor>>;

/** A change on one component, as the caller; the component's page shows it afterwards. */
async function componentAction(formData: FormData, run: (actor: OrgActor, component: string, values: UntrustedInput) => Promise<string>) {
  const slug = String(formData.get("currentSlug"));
  const component = String(formData.get("component"));
  const result = await formAction(formData, async (values) => run(await orgActorFor(slug, `/hub/${component}`), component, values));
  if (result.ok) revalidatePath(`/${slug}/hub/${component}`);
  return result;
}

export const pushVersionAction = async (_: FormState, formData: FormData) =>
  componentAction(formData, async (actor, component, values) => {
    const { version, created } = await pushVersion(actor, component, { spec: values.spec }).catch((error) => {
      throw specRefusal(error);
    });
    return created ? `Version ${version.number} uploaded.` : `This spec is already version ${version.number}: nothing new was uploaded.`;
  });

export const moveTagsAction = async (_: FormState, formData: FormData) =>
  componentAction(formData, async (actor, component, values) => {
    const { input, fieldOf } = movesFromForm(values);
    if (!input.moves.length) throw new ValidationError("Choose where at least one tag goes, or name a new one.", { newName: "Name a tag, or choose a move above." });
    try {
      const { tags, moved } = await moveTags(actor, component, input);
      if (moved === 0) return "Nothing changed: every tag already pointed there.";
      return movedMessage(input.moves, tags, "");
    } catch (error) {
      throw formFieldsOf(error, fieldOf, moveNames(input.moves));
    }
  });

export async function deleteComponentAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const component = String(formData.get("component"));
  const result = await formAction(formData, async (values) => {
    if (values.confirm !== component) throw new ValidationError("Type the component's name to confirm.", { confirm: `Type ${component} to confirm.` });
    await deleteComponent(await orgActorFor(slug, `/hub/${component}`), component);
  });
  if (result.ok) {
    await flash(`Component ${component} deleted, with its versions and tag history.`);
    redirect(`/${slug}/hub`);
  }
  return result;
}
