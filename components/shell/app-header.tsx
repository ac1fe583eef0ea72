import Link from "next/link";
import { buttonStyles } from "@/components/ui/button-styles";
import { AccountMenu } from "./account-menu";
import { OrgSwitcher, type OrgSummary } from "./org-switcher";
import { Wordmark } from "./wordmark";

type AppHeaderProps = {
  user: { name: string; email: string } | null;
  orgs: OrgSummary[];
  currentOrgSlug?: string;
  signOutAction: () => Promise<void>;
};

export function AppHeader({ user, orgs, currentOrgSlug, signOutAction }: AppHeaderProps) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-3">
        <Wordmark />
        {user && (
          <>
            <span aria-hidden="true" className="text-slate-300">
              /
            </span>
            <OrgSwitcher orgs={orgs} currentOrgSlug={currentOrgSlug} />
          </>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-2">
          {user ? (
            <AccountMenu user={user} signOutAction={signOutAction} />
          ) : (
            <>
              <Link href="/signin" className={buttonStyles({ variant: "ghost", size: "sm" })}>
                Sign in
              </Link>
              <Link href="/signup" className={buttonStyles({ variant: "primary", size: "sm" })}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
