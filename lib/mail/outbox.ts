import { createHash } from "node:crypto";
import { and, desc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { appUrl, devInboxEnabled } from "@/lib/config";
import { log } from "@/lib/log";
import { countEach } from "@/lib/rate-limit";
import { send } from "./transport";

export type Mail = { to: string; subject: string; text: string; html: string };

const MAX_ATTEMPTS = 5;
const BATCH = 10;
/** What a delivered (or abandoned) mail keeps instead of its body: its links must not outlive it in the database. */
export const REDACTED_BODY = "(Removed after delivery: Atrium keeps no copy of the links it mails.)";

/** Mails one address may receive from the whole instance in 24 hours; past it they are not sent. */
const recipientLimit = () => Number(process.env.ATRIUM_MAILS_PER_RECIPIENT_PER_DAY ?? 20);
/** How long one process holds a claimed mail; must exceed a batch's worth of SMTP timeouts. */
const leaseSeconds = () => Number(process.env.ATRIUM_MAIL_LEASE_SECONDS ?? 300);
/** The first retry waits this long, then it doubles (1, 2, 4, 8 minutes by default). */
const retrySeconds = () => Number(process.env.ATRIUM_MAIL_RETRY_SECONDS ?? 60);

const recipientKey = (to: string) => `mail:to:${createHash("sha256").update(to.toLowerCase()).digest("base64url")}`;

/**
 * Queues messages in the caller's transaction; they are sent after commit (call deliverSoon()).
 * A message may bring its own id, so a row written in the same transaction can point at it.
 * A recipient past the instance's daily cap gets the row (so the sender sees "failed") but no mail.
 */
export async function enqueueMail(tx: Db, ...mails: (Mail & { id?: string })[]) {
  if (!mails.length) return;
  const perRecipient = new Map<string, number>();
  for (const m of mails) perRecipient.set(recipientKey(m.to), (perRecipient.get(recipientKey(m.to)) ?? 0) + 1);
  const counts = await countEach(tx, perRecipient, 86_400);
  // Within one batch the earlier mails to a recipient are the ones under the cap.
  const seen = new Map<string, number>();
  const limit = recipientLimit();
  await tx.insert(mailOutbox).values(
    mails.map((m) => {
      const key = recipientKey(m.to);
      const index = (seen.get(key) ?? 0) + 1;
      seen.set(key, index);
      const total = counts.get(key)!;
      const overCap = total - perRecipient.get(key)! + index > limit;
      return overCap
        ? { ...m, status: "failed" as const, text: REDACTED_BODY, html: "", lastError: `Not sent: ${m.to} already received ${limit} mails today.` }
        : m;
    }),
  );
}

let running: Promise<number> | null = null;
let again = false;

/** Starts delivery of due mail without making the request wait for SMTP. */
export function deliverSoon() {
  deliverDue().catch((error) => log.error("mail.delivery_failed", { error }));
}

/**
 * Sends every due message, one delivery loop per process: a call while the loop runs makes it go
 * round once more and resolves with it. No database transaction is open while SMTP is spoken to:
 * rows are claimed (status sending, with a lease) in one short statement, sent, then marked.
 * SKIP LOCKED and the lease let any number of instances deliver at once, each mail once; a process
 * that dies mid-send leaves its rows to come back when the lease expires (at-least-once, with a
 * stable Message-ID so a receiver can drop the duplicate).
 */
export function deliverDue(): Promise<number> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let sent = 0;
    try {
      do {
        again = false;
        sent += await deliverPass();
      } while (again);
    } finally {
      running = null;
    }
    return sent;
  })();
  return running;
}

async function deliverPass(): Promise<number> {
  const db = await getDb();
  // Expired leases: back to pending, or failed (and emptied) when that was the last attempt.
  const spent = sql`${mailOutbox.attempts} >= ${MAX_ATTEMPTS}`;
  await db
    .update(mailOutbox)
    .set({
      status: sql`case when ${spent} then 'failed' else 'pending' end`,
      text: sql`case when ${spent} then ${REDACTED_BODY} else ${mailOutbox.text} end`,
      html: sql`case when ${spent} then '' else ${mailOutbox.html} end`,
      leaseUntil: null,
    })
    .where(and(eq(mailOutbox.status, "sending"), lt(mailOutbox.leaseUntil, sql`now()`)));
  let sent = 0;
  for (;;) {
    const due = db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const claimed = await db
      .update(mailOutbox)
      .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1`, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds()})` })
      .where(inArray(mailOutbox.id, due))
      .returning();
    for (const mail of claimed) if (await deliverOne(db, mail)) sent++;
    if (claimed.length < BATCH) return sent;
  }
}

async function deliverOne(db: Db, mail: typeof mailOutbox.$inferSelect): Promise<boolean> {
  const toDevInbox = devInboxEnabled();
  const error = toDevInbox
    ? null
    : await send({ ...mail, messageId: `<${mail.id}@${new URL(appUrl()).hostname}>` }).then(
        () => null,
        (e: Error) => e.message || String(e),
      );
  // Only the holder of the lease marks the row: a row whose lease expired meanwhile belongs to whoever took it.
  const held = and(eq(mailOutbox.id, mail.id), eq(mailOutbox.status, "sending"), eq(mailOutbox.attempts, mail.attempts));
  if (error === null) {
    // The dev inbox is where the mail lives, so it keeps its body there.
    const body = toDevInbox ? {} : { text: REDACTED_BODY, html: "" };
    await db.update(mailOutbox).set({ status: "sent", sentAt: sql`now()`, lastError: null, leaseUntil: null, ...body }).where(held);
    log.info("mail.sent", { mailId: mail.id, attempt: mail.attempts });
    return true;
  }
  const failed = mail.attempts >= MAX_ATTEMPTS;
  await db
    .update(mailOutbox)
    .set({
      status: failed ? "failed" : "pending",
      lastError: error.slice(0, 500),
      leaseUntil: null,
      nextAttemptAt: sql`now() + make_interval(secs => ${retrySeconds() * 2 ** (mail.attempts - 1)})`,
      ...(failed ? { text: REDACTED_BODY, html: "" } : {}),
    })
    .where(held);
  log.warn("mail.attempt_failed", { mailId: mail.id, attempt: mail.attempts, error: error.slice(0, 200), final: failed });
  return false;
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
