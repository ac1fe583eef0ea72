"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { formAction } from "@/lib/http/forms";
import { currentActor } from "@/lib/http/pages";
import { createOrg } from "@/lib/orgs/service";

export async function createOrgAction(_: FormState, formData: FormData): Promise<FormState> {
  let slug = "";
  const result = await formAction(formData, async (values) => {
    slug = (await createOrg(await currentActor(), values)).slug;
  });
  if (result.ok) redirect(`/${slug}`);
  return result;
}
