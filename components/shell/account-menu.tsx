"use client";

import Link from "next/link";
import { useFormStatus } from "react-dom";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Loader2, LogOut, Settings } from "lucide-react";
import { menuContentStyles, menuItemStyles, menuSeparatorStyles } from "./menu-styles";

type AccountMenuProps = {
  user: { name: string; email: string };
  signOutAction: () => Promise<void>;
};

function initials(name: string, email: string) {
  // Letters and digits only: punctuation or markup in a name never shows in the avatar.
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

export function AccountMenu({ user, signOutAction }: AccountMenuProps) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="Account menu"
        className="grid size-8 place-items-center rounded-full bg-indigo-600 text-xs font-semibold text-white hover:bg-indigo-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2"
      >
        <span aria-hidden="true">{initials(user.name, user.email)}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={menuContentStyles}>
          <DropdownMenu.Label className="max-w-64 px-2 py-1.5">
            <p className="truncate font-medium text-slate-900">{user.name}</p>
            <p className="truncate text-xs text-slate-600">{user.email}</p>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className={menuSeparatorStyles} />
          <DropdownMenu.Item asChild className={menuItemStyles}>
            <Link href="/account">
              <Settings className="size-4 shrink-0" aria-hidden="true" />
              Account settings
            </Link>
          </DropdownMenu.Item>
          <form action={signOutAction}>
            <SignOutItem />
          </form>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function SignOutItem() {
  const { pending } = useFormStatus();
  return (
    <DropdownMenu.Item
      asChild
      className={menuItemStyles}
      // Keep the menu (and so this form) mounted, or the submit would be dropped.
      onSelect={(event) => event.preventDefault()}
    >
      <button type="submit">
        {pending ? (
          <Loader2 className="size-4 shrink-0 animate-spin" aria-hidden="true" />
        ) : (
          <LogOut className="size-4 shrink-0" aria-hidden="true" />
        )}
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </DropdownMenu.Item>
  );
}
