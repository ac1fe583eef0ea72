import Link from "next/link";
import { ChevronRight, ChevronsLeft } from "lucide-react";
import type { ReactNode } from "react";
import { buttonStyles } from "./button-styles";

/** label names the navigation landmark: give each pager on a page its own ("Pending invitations pages"). */
type CursorPagerProps = { nextHref?: string | null; firstHref?: string | null; label?: string };

export function CursorPager({ nextHref, firstHref, label = "Pagination" }: CursorPagerProps) {
  // Nothing to page through: no landmark with two dead buttons.
  if (!nextHref && !firstHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2">
      <PagerLink href={firstHref}>
        <ChevronsLeft className="size-4" aria-hidden="true" />
        First page
      </PagerLink>
      <PagerLink href={nextHref}>
        Next
        <ChevronRight className="size-4" aria-hidden="true" />
      </PagerLink>
    </nav>
  );
}

function PagerLink({ href, children }: { href?: string | null; children: ReactNode }) {
  if (!href) {
    return (
      <span
        aria-disabled="true"
        className="inline-flex h-8 cursor-not-allowed items-center gap-2 rounded-md border border-slate-200 bg-white px-3 text-sm font-medium text-slate-500"
      >
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={buttonStyles({ variant: "secondary", size: "sm" })}>
      {children}
    </Link>
  );
}
