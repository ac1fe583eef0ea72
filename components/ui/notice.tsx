"use client";

import { useEffect, useState } from "react";
import { usePathname } from "next/navigation";
import { CircleCheck } from "lucide-react";

/**
 * The one message a completed change leaves on the page it ends on (see app/flash.ts). It clears its
 * cookie at once, so a reload does not repeat it, and goes away when the person moves on.
 */
export function Notice({ message, cookieName }: { message: string; cookieName?: string }) {
  const pathname = usePathname();
  const [shownOn] = useState(pathname);
  useEffect(() => {
    if (cookieName) document.cookie = `${cookieName}=; Max-Age=0; path=/; SameSite=Lax`;
  }, [cookieName]);
  if (pathname !== shownOn) return null;
  return (
    <div role="status" className="mb-6 flex items-start gap-2 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
      <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <p className="min-w-0 break-words">{message}</p>
    </div>
  );
}
