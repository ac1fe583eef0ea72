/**
 * How the outbox talks to SMTP (issue 13 item 1, issue 9 items 8 and 9), against real servers on
 * loopback: the smtp-server sink, and a "black hole" that accepts TCP and never greets.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { deliverDue, enqueueMail } from "@/lib/mail/outbox";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { invitationsTo } from "../support/invitations";
import { seedOrg } from "../support/orgs";
import { quickPerson, type Person } from "../support/people";
import { startSmtpSink } from "../support/smtp";

useFreshDatabase();

const previous = { smtp: process.env.SMTP_URL, cap: process.env.ATRIUM_MAILS_PER_RECIPIENT_PER_DAY };
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let owner: Person;
let org: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  owner = await quickPerson({ name: "Olive Owner" });
  org = await seedOrg([[owner, "owner"]], { name: "Delivery Org" });
});

afterEach(() => {
  process.env.SMTP_URL = sink.url;
  if (previous.cap === undefined) delete process.env.ATRIUM_MAILS_PER_RECIPIENT_PER_DAY;
  else process.env.ATRIUM_MAILS_PER_RECIPIENT_PER_DAY = previous.cap;
});

afterAll(async () => {
  await sink.close();
  if (previous.smtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = previous.smtp;
});

const address = (label: string) => `${label}-${randomBytes(5).toString("hex")}@example.com`;
const invite = (as: Person, slug: string, email: string) => api("POST", `/api/v1/orgs/${slug}/invitations`, { as, body: { emails: [email], role: "member" } });
const rowOf = async (id: string) => (await (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];

/** A TCP server that accepts connections and never says a word (a hung mail server). */
async function blackHole() {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => sockets.length,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("delivery outside any transaction", () => {
  it("while SMTP hangs, the claimed mail is 'sending' under a lease, other requests answer, and no connection sits idle in a transaction", async () => {
    const hole = await blackHole();
    // The greeting timeout is long enough that the send is still hanging while we look.
    process.env.SMTP_URL = `smtp://127.0.0.1:${hole.port}/?greetingTimeout=8000&connectionTimeout=8000`;
    const email = address("hung");
    const db = await getDb();
    const id = randomUUID();
    await db.transaction((tx) => enqueueMail(tx, { id, to: email, subject: "Hello", text: "hi", html: "<p>hi</p>" }));

    let settled = false;
    const delivery = deliverDue().finally(() => (settled = true));
    for (let i = 0; i < 200 && hole.connections() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(hole.connections()).toBeGreaterThan(0);

    // SMTP is being spoken to now: the row is claimed, and nothing waits on it.
    expect(await rowOf(id)).toMatchObject({ status: "sending", attempts: 1, leaseUntil: expect.any(Date) });
    expect((await api("GET", "/api/v1/me", { as: owner })).status).toBe(200);
    if (process.env.DATABASE_URL) {
      const idle = await db.execute(sql`select pid from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      expect([...(idle as unknown as unknown[])]).toEqual([]);
    }
    expect(settled).toBe(false);

    await hole.close();
    await delivery;
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 1, leaseUntil: null, lastError: expect.any(String) });
  });

  it("a mail whose lease expired (its process died mid-send) goes back to pending and is delivered once, with the same Message-ID", async () => {
    const email = address("lease");
    const db = await getDb();
    const [row] = await db.insert(mailOutbox).values({ to: email, subject: "Lease", text: "t", html: "<p>t</p>" }).returning();
    // Another process claimed it and died: a lease still running is left alone…
    await db.update(mailOutbox).set({ status: "sending", attempts: 1, leaseUntil: sql`now() + interval '1 hour'` }).where(eq(mailOutbox.id, row.id));
    await deliverDue();
    expect(sink.to(email)).toHaveLength(0);
    expect(await rowOf(row.id)).toMatchObject({ status: "sending", attempts: 1 });
    // …an expired one comes back.
    await db.update(mailOutbox).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, row.id));
    await deliverDue();
    await deliverDue();
    await sink.waitFor((mails) => mails.some((m) => m.to.includes(email)));
    expect(sink.to(email)).toHaveLength(1);
    expect(await rowOf(row.id)).toMatchObject({ status: "sent", attempts: 2, leaseUntil: null });
    expect(sink.to(email)[0].raw).toMatch(new RegExp(`^Message-ID: <${row.id}@localhost>\\r?$`, "im"));
  });
  it("a mail whose last attempt's lease expired is given up, and keeps no body", async () => {
    const db = await getDb();
    const [row] = await db.insert(mailOutbox).values({ to: address("spent"), subject: "Spent", text: "https://x.test/reset/secret", html: "<a>secret</a>" }).returning();
    await db.update(mailOutbox).set({ status: "sending", attempts: 5, leaseUntil: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, row.id));
    await deliverDue();
    const after = await rowOf(row.id);
    expect(after).toMatchObject({ status: "failed", attempts: 5, html: "", leaseUntil: null });
    expect(after.text).not.toContain("secret");
  });
});

describe("what the outbox keeps", () => {
  it("keeps no live link once an invitation mail is delivered (issue 9 item 8)", async () => {
    const email = address("redact");
    expect((await invite(owner, org.slug, email)).status).toBe(201);
    const [invitation] = await invitationsTo(org.id, email);
    await deliverDue();
    await sink.waitFor((mails) => mails.some((m) => m.to.includes(email)));
    const token = sink.to(email)[0].decoded.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];
    expect((await bodyOf(await api("GET", `/api/v1/invitations/${token}`))).status).toBe("pending");

    const row = await rowOf(invitation.mailId!);
    expect(row.status).toBe("sent");
    expect(`${row.text}${row.html}`).not.toContain(token);
    expect(`${row.text}${row.html}`).not.toMatch(/\/invite\//);
    // Nothing in the whole outbox holds the link.
    const [{ n }] = await (await getDb()).select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(sql`${mailOutbox.text} like ${`%${token}%`} or ${mailOutbox.html} like ${`%${token}%`}`);
    expect(n).toBe(0);
  });

  it("caps the mails one address receives across the instance per day (issue 9 item 9)", async () => {
    process.env.ATRIUM_MAILS_PER_RECIPIENT_PER_DAY = "3";
    const target = address("target");
    const mailIds: string[] = [];
    // Four throwaway organizations of four accounts each invite the same person.
    for (let i = 0; i < 4; i++) {
      const spammer = await quickPerson({ name: `Spammer ${i}` });
      const throwaway = await seedOrg([[spammer, "owner"]], { name: `Throwaway ${i}` });
      expect((await invite(spammer, throwaway.slug, target)).status).toBe(201);
      mailIds.push((await invitationsTo(throwaway.id, target))[0].mailId!);
    }
    await deliverDue();
    await sink.waitFor((mails) => mails.filter((m) => m.to.includes(target)).length >= 3);
    await deliverDue();
    expect(sink.to(target)).toHaveLength(3);
    const last = await rowOf(mailIds[3]);
    expect(last).toMatchObject({ status: "failed", attempts: 0 });
    expect(last.lastError).toContain("already received 3 mails today");
    // Another address is not affected.
    const other = address("other");
    expect((await invite(owner, org.slug, other)).status).toBe(201);
    await deliverDue();
    await sink.waitFor((mails) => mails.some((m) => m.to.includes(other)));
  });
});
