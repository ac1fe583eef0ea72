"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/accounts/sessions";
import { clearSessionCookie, currentActor } from "@/lib/http/pages";

export async function signOutAction() {
  await signOut(await currentActor());
  await clearSessionCookie();
  redirect("/signin");
}
