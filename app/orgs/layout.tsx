import type { ReactNode } from "react";
import { SiteHeader } from "../site-header";
import { requireSignedIn } from "@/lib/http/pages";

export default async function OrgsLayout({ children }: { children: ReactNode }) {
  const actor = await requireSignedIn("/orgs");
  return (
    <div className="min-h-screen">
      <SiteHeader actor={actor} />
      <main id="main-content" className="mx-auto max-w-3xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
