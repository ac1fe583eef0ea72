import Link from "next/link";
import { ChevronRight, ChevronsLeft } from "lucide-react";
import type { ReactNode } from "react";
import { buttonStyles } from "./button-styles";

type CursorPagerProps = { nextHref?: string | null; firstHref?: string | null };

export function CursorPager({ nextHref, firstHref }: CursorPagerProps) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-2">
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
  const className = buttonStyles({ variant: "secondary", size: "sm" });
  if (!href) {
    return (
      <span aria-disabled="true" className={`${className} cursor-not-allowed text-slate-500 shadow-none`}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
