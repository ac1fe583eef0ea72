import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Inbox } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { devInboxEnabled } from "@/lib/config";
import { listDevInbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev inbox" };

/** Text with its URLs turned into links; everything else stays text (React escapes it). */
function Linkified({ text }: { text: string }) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="break-all text-indigo-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default async function DevInboxPage() {
  await connection();
  if (!devInboxEnabled()) notFound();
  const mails = await listDevInbox();
  return (
    <main id="main-content" className="mx-auto max-w-3xl px-4 py-8">
      <PageHeader title="Dev inbox" description="Every email the app sent. Set SMTP_URL to send real mail instead; this page is off in production." />
      {mails.length === 0 ? (
        <EmptyState icon={Inbox} title="No mail yet" description="Sign up or reset a password to see messages here." />
      ) : (
        <ul className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-md border border-slate-200 bg-white p-4">
              <article aria-label={mail.subject}>
                <header className="flex flex-wrap items-baseline gap-2">
                  <h2 className="font-medium text-slate-900">{mail.subject}</h2>
                  <Badge tone={mail.status === "failed" ? "red" : "neutral"}>{mail.status}</Badge>
                  <span className="ml-auto text-sm text-slate-600">
                    to {mail.to}, <RelativeTime date={mail.createdAt} />
                  </span>
                </header>
                <p className="mt-3 text-sm whitespace-pre-wrap text-slate-800">
                  <Linkified text={mail.text} />
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
