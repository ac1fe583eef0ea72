import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { devInboxEnabled } from "@/lib/config";
import { send } from "./transport";

export type Mail = { to: string; subject: string; text: string; html: string };

const MAX_ATTEMPTS = 5;

/**
 * Queues messages in the caller's transaction; they are sent after commit (call deliverSoon()).
 * A message may bring its own id, so a row written in the same transaction can point at it.
 */
export async function enqueueMail(tx: Db, ...mails: (Mail & { id?: string })[]) {
  if (mails.length) await tx.insert(mailOutbox).values(mails);
}

/** Starts delivery of due mail without making the request wait for SMTP. */
export function deliverSoon() {
  deliverDue().catch((error) => console.error("mail delivery failed", error));
}

/**
 * Sends every due message once. Rows are claimed with SKIP LOCKED, so any number of app
 * instances can run this at the same time without sending a message twice.
 */
export async function deliverDue(batch = 20): Promise<number> {
  const db = await getDb();
  let sent = 0;
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`)))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(batch)
        .for("update", { skipLocked: true });
      if (!due.length) return 0;
      for (const mail of due) {
        const error = devInboxEnabled() ? null : await send(mail).then(() => null, (e: Error) => e.message);
        const attempts = mail.attempts + 1;
        await tx
          .update(mailOutbox)
          .set(
            error === null
              ? { status: "sent", sentAt: sql`now()`, attempts, lastError: null }
              : {
                  status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
                  attempts,
                  lastError: error.slice(0, 500),
                  // 1, 2, 4, 8 minutes between attempts.
                  nextAttemptAt: sql`now() + make_interval(mins => ${2 ** (attempts - 1)})`,
                },
          )
          .where(eq(mailOutbox.id, mail.id));
      }
      return due.length;
    });
    sent += claimed;
    if (claimed < batch) return sent;
  }
}

/** The dev inbox: every message the app sent, newest first. Only reachable when devInboxEnabled(). */
export async function listDevInbox(limit = 100) {
  const db = await getDb();
  return db
    .select({ id: mailOutbox.id, to: mailOutbox.to, subject: mailOutbox.subject, text: mailOutbox.text, status: mailOutbox.status, createdAt: mailOutbox.createdAt })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}
