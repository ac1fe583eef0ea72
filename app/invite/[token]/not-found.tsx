import Link from "next/link";
import { CenteredCard } from "@/components/shell/page-shell";

export default function InvitationNotFound() {
  return (
    <CenteredCard title="This invitation link is not valid" description="It may be mistyped, or it was replaced by a newer link when the invitation was sent again.">
      <p className="text-sm text-slate-700">Nothing was changed. Look for the newest invitation email, or ask the person who invited you to send it again.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
        Go to Atrium
      </Link>
    </CenteredCard>
  );
}
