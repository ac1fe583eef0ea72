import type { ReactNode } from "react";
import { requireSignedIn } from "@/lib/http/pages";
import { FlashNotice } from "@/components/shell/flash-notice";
import { SiteHeader } from "./site-header";

/** The frame of signed-in pages outside an organization (account, organization list). */
export async function SignedInShell({ next, children }: { next: string; children: ReactNode }) {
  const actor = await requireSignedIn(next);
  return (
    <div className="min-h-screen">
      <SiteHeader actor={actor} />
      <main id="main-content" className="mx-auto max-w-3xl px-4 py-8">
        <FlashNotice />
        {children}
      </main>
    </div>
  );
}
