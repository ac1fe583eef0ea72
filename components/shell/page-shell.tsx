import type { ReactNode } from "react";
import { FlashNotice } from "./flash-notice";
import { Wordmark } from "./wordmark";

/** The first thing a keyboard reaches on every page (the root layout renders it); every page's <main> has this id. */
export function SkipLink() {
  return (
    <a
      href="#main-content"
      className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow ring-2 ring-indigo-600 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
    >
      Skip to content
    </a>
  );
}

type OrgShellProps = { header: ReactNode; sidebar: ReactNode; children: ReactNode };

export function OrgShell({ header, sidebar, children }: OrgShellProps) {
  return (
    <div className="min-h-screen">
      {header}
      <div className="mx-auto flex max-w-7xl flex-col md:flex-row">
        {sidebar}
        <main id="main-content" className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
          <div className="mx-auto max-w-5xl">{children}</div>
        </main>
      </div>
    </div>
  );
}

type CenteredCardProps = { title?: string; description?: ReactNode; children: ReactNode };

/** Single-card page for sign in / sign up. */
export function CenteredCard({ title, description, children }: CenteredCardProps) {
  return (
    <main id="main-content" className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6">
        <Wordmark />
      </div>
      <div className="w-full max-w-md rounded-md border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <FlashNotice />
        {title && (
          <div className="mb-6 space-y-1">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
            {description && <p className="text-sm text-slate-600">{description}</p>}
          </div>
        )}
        {children}
      </div>
    </main>
  );
}
