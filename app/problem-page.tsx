import Link from "next/link";
import { connection } from "next/server";
import type { LucideIcon } from "lucide-react";
import { buttonStyles } from "@/components/ui/button-styles";
import { currentActor } from "@/lib/http/pages";
import { SiteHeader } from "./site-header";

/** A 404 or 403 with the site's header (signed in or not) and a way back. */
export async function ProblemPage({ icon: Icon, title, text }: { icon: LucideIcon; title: string; text: string }) {
  await connection();
  const actor = await currentActor();
  return (
    <div className="min-h-screen">
      <SiteHeader actor={actor} />
      <main id="main-content" className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-4 text-center">
        <Icon className="size-10 text-slate-400" aria-hidden="true" />
        <h1 className="mt-4 text-xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{text}</p>
        <Link href={actor.viewer ? "/orgs" : "/signin"} className={`mt-6 ${buttonStyles({})}`}>
          {actor.viewer ? "Go to your organizations" : "Sign in"}
        </Link>
      </main>
    </div>
  );
}
