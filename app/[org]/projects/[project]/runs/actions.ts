"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { AppError, ValidationError } from "@/lib/errors";
import { flash } from "@/lib/flash";
import { formAction } from "@/lib/http/forms";
import { orgActorFor } from "@/lib/http/pages";
import type { UntrustedInput } from "@/lib/http/untrusted";
import { archiveRun, bulkRuns, deleteRun, purgeRun, restoreRun, stopRun, tagRun, unarchiveRun, type BulkResult } from "@/lib/runs/actions";
import { promoteRun } from "@/lib/runs/promote";
import { createRunToken, revokeRunToken } from "@/lib/runs/tokens";

type OrgActor = Awaited<ReturnType<typeof orgActorFor>>;

/** A form's comma-separated text as the list the service takes. */
const list = (value: unknown) => (typeof value === "string" ? value.split(",").map((t) => t.trim()).filter(Boolean) : []);

/** A change on one run, as the caller; the run's pages show it afterwards. */
async function runAction(formData: FormData, run: (actor: OrgActor, project: string, ref: string, values: UntrustedInput) => Promise<string>) {
  const slug = String(formData.get("currentSlug"));
  const project = String(formData.get("projectSlug"));
  const ref = String(formData.get("run"));
  const result = await formAction(formData, async (values) => run(await orgActorFor(slug, `/projects/${project}/runs/${ref}`), project, ref, values));
  if (result.ok) revalidatePath(`/${slug}/projects/${project}/runs`, "layout");
  return result;
}

export const stopRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref, values) => {
    const run = await stopRun(actor, project, ref, { reason: values.reason ?? "" });
    return run.status === "stopped" ? `Run #${run.number} stopped.` : `Run #${run.number} was asked to stop: it shows Stopped once its client confirms.`;
  });

export const tagRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref, values) => {
    const run = await tagRun(actor, project, ref, { add: list(values.add), remove: list(values.remove) });
    return run.tags.length ? `Run #${run.number} is tagged ${run.tags.join(", ")}.` : `Run #${run.number} has no tags now.`;
  });

export const archiveRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref) => `Run #${(await archiveRun(actor, project, ref)).number} archived: it is hidden from the list until you unarchive it.`);

export const unarchiveRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref) => `Run #${(await unarchiveRun(actor, project, ref)).number} unarchived.`);

export const deleteRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref) => `Run #${(await deleteRun(actor, project, ref)).number} deleted. Its artifacts count as deleted until it is purged; you can restore it until then.`);

export const restoreRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref) => `Run #${(await restoreRun(actor, project, ref)).number} restored.`);

export async function purgeRunAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const project = String(formData.get("projectSlug"));
  const ref = String(formData.get("run"));
  const result = await formAction(formData, async (values) => {
    if (values.confirm !== ref) throw new ValidationError("Type the run's number to confirm.", { confirm: `Type ${ref} to confirm.` });
    await purgeRun(await orgActorFor(slug, `/projects/${project}/runs/${ref}`), project, ref);
  });
  if (result.ok) {
    await flash(`Run #${ref} purged for good, with its artifacts: their bytes are free again.`);
    redirect(`/${slug}/projects/${project}/runs?show=deleted`);
  }
  return result;
}

export const promoteRunAction = async (_: FormState, formData: FormData) =>
  runAction(formData, async (actor, project, ref, values) => {
    const { model, version } = await promoteRun(actor, project, ref, { model: values.model ?? "", description: values.description ?? "" });
    return `Promoted to ${model} as version ${version.number}.`;
  });

/** Several runs at once: each through the ordinary service, reported per run. */
export async function bulkRunsAction(formData: FormData): Promise<{ ok: boolean; message?: string; results?: BulkResult[] }> {
  const slug = String(formData.get("currentSlug"));
  const project = String(formData.get("projectSlug"));
  const tag = String(formData.get("tag") ?? "").trim();
  try {
    const actor = await orgActorFor(slug, `/projects/${project}/runs`);
    const { results } = await bulkRuns(actor, project, {
      action: formData.get("action") as never,
      runs: formData.getAll("runs").map(Number),
      ...(tag ? { tag } : {}),
    });
    revalidatePath(`/${slug}/projects/${project}/runs`, "layout");
    return { ok: true, results };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}

export async function createRunTokenAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const project = String(formData.get("projectSlug"));
  const result = await formAction(formData, async (values) => {
    const token = await createRunToken(await orgActorFor(slug, `/projects/${project}/settings`), project, { name: values.name });
    return { message: `Run token ${token.name} created. Copy it now: it is not shown again.`, data: { token: token.token } };
  });
  if (result.ok) revalidatePath(`/${slug}/projects/${project}/settings`);
  return result;
}

export async function revokeRunTokenAction(_: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("currentSlug"));
  const project = String(formData.get("projectSlug"));
  const result = await formAction(formData, async (values) => {
    await revokeRunToken(await orgActorFor(slug, `/projects/${project}/settings`), project, { id: values.tokenId });
    return "Run token revoked: its next request is refused.";
  });
  if (result.ok) revalidatePath(`/${slug}/projects/${project}/settings`);
  return result;
}
