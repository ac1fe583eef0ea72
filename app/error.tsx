"use client";

import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { Wordmark } from "@/components/shell/wordmark";
import { Button, buttonStyles } from "@/components/ui/button";

/** An unexpected failure: the header, what happened in plain words, and two ways on. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center px-4">
          <Wordmark />
        </div>
      </header>
      <main id="main-content" className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-4 text-center">
        <TriangleAlert className="size-10 text-amber-500" aria-hidden="true" />
        <h1 className="mt-4 text-xl font-semibold text-slate-900">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600">
          The page could not be shown. Try again, or go back to your organizations.
          {error.digest && <span className="mt-2 block text-xs text-slate-500">Reference: {error.digest}</span>}
        </p>
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          <Button onClick={reset}>Try again</Button>
          <Link href="/orgs" className={buttonStyles({ variant: "secondary" })}>
            Your organizations
          </Link>
        </div>
      </main>
    </div>
  );
}
