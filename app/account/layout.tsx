import type { ReactNode } from "react";
import { requireSignedIn } from "@/lib/http/pages";
import { SiteHeader } from "../site-header";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const actor = await requireSignedIn("/account");
  return (
    <div className="min-h-screen">
      <SiteHeader actor={actor} />
      <main id="main-content" className="mx-auto max-w-3xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
