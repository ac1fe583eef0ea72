/**
 * Invitation mail through a real SMTP server on loopback (the `smtp-server` package as a sink).
 *
 * Every test uses one SMTP_URL, on a port chosen up front: "SMTP down" is that port with nothing
 * listening, "SMTP back" is the sink started on it. The app never has to notice SMTP_URL change,
 * so these tests hold whether or not lib/mail/transport.ts caches its transporter.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { deliverDue } from "@/lib/mail/outbox";
import { useFreshDatabase } from "../support/database";
import { api, bodyOf } from "../support/http";
import { APP_URL, invitationsTo } from "../support/invitations";
import { seedOrg } from "../support/orgs";
import { quickPerson, type Person } from "../support/people";
import { freePort, startSmtpSink } from "../support/smtp";

useFreshDatabase();

const previousSmtpUrl = process.env.SMTP_URL;
let port: number;
let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
let owner: Person;
let org: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  port = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  owner = await quickPerson({ name: "Sam Sender" });
  org = await seedOrg([[owner, "owner"]], { name: "Mail Org" });
});

afterAll(async () => {
  await sink?.close();
  if (previousSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = previousSmtpUrl;
});

const newAddress = (label: string) => `${label}-${randomBytes(5).toString("hex")}@example.com`;
const invite = (emails: string[], role = "member") => api("POST", `/api/v1/orgs/${org.slug}/invitations`, { as: owner, body: { emails, role } });

async function mailRow(id: string) {
  const [row] = await (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row;
}

/** What the pending list says about the delivery of the invitation to `email`. */
async function deliveryOf(email: string) {
  const list = await bodyOf(await api("GET", `/api/v1/orgs/${org.slug}/invitations?limit=100`, { as: owner }));
  return list.items.find((i: { email: string }) => i.email === email)?.delivery as string | undefined;
}

/**
 * One more delivery attempt of this mail: makes it due now, then runs deliverDue() until the
 * attempt count moves (delivery started by the request itself may hold the row for a moment).
 */
async function attemptOnce(mailId: string) {
  const db = await getDb();
  const before = await mailRow(mailId);
  for (let i = 0; i < 100; i++) {
    await db.update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "pending")));
    await deliverDue();
    const now = await mailRow(mailId);
    if ((now.attempts > before.attempts || now.status !== "pending") && now.status !== "sending") return now;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`mail ${mailId} was never attempted`);
}

/** Waits for the delivery the request started in the background to finish its first attempt. */
async function firstAttemptDone(mailId: string) {
  for (let i = 0; i < 200; i++) {
    const row = await mailRow(mailId);
    if ((row.attempts > 0 || row.status !== "pending") && row.status !== "sending") return row;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`mail ${mailId} was never attempted`);
}

describe("SMTP down", () => {
  it("keeps the invitation, shows 'sending' while retrying, 'failed' after 5 attempts; resend queues a new mail that goes out once SMTP is back", async () => {
    const email = newAddress("down");
    expect((await invite([email])).status).toBe(201);
    const [invitation] = await invitationsTo(org.id, email);
    expect(invitation).toBeDefined();
    expect(await deliveryOf(email)).toBe("sending");

    let row = await firstAttemptDone(invitation.mailId!);
    while (row.attempts < 5) {
      expect(row.status).toBe("pending");
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(await deliveryOf(email)).toBe("sending");
      row = await attemptOnce(invitation.mailId!);
    }
    expect(row).toMatchObject({ attempts: 5, status: "failed", sentAt: null });
    expect(await deliveryOf(email)).toBe("failed");
    // A failed mail is not retried any more.
    await (await getDb()).update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(mailOutbox.id, invitation.mailId!));
    await deliverDue();
    expect((await mailRow(invitation.mailId!)).attempts).toBe(5);
    // The invitation itself is intact and still open.
    expect((await invitationsTo(org.id, email))[0]).toMatchObject({ id: invitation.id, acceptedAt: null, revokedAt: null });

    // Resend while SMTP is still down: a new mail, so delivery shows "sending" again.
    expect((await api("POST", `/api/v1/orgs/${org.slug}/invitations/${invitation.id}/resend`, { as: owner })).status).toBe(204);
    const [resent] = await invitationsTo(org.id, email);
    expect(resent.mailId).not.toBe(invitation.mailId);
    expect(await deliveryOf(email)).toBe("sending");
    await firstAttemptDone(resent.mailId!);

    // SMTP comes back on the same address; the next attempt delivers.
    sink = await startSmtpSink(port);
    row = await attemptOnce(resent.mailId!);
    expect(row).toMatchObject({ status: "sent", lastError: null, sentAt: expect.any(Date) });
    expect(await deliveryOf(email)).toBe("sent");
    await sink.waitFor((mails) => mails.some((m) => m.to.includes(email)));
    expect(sink.to(email)).toHaveLength(1);
    // The mail that arrived carries the current link.
    const token = sink.to(email)[0].decoded.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];
    expect((await bodyOf(await api("GET", `/api/v1/invitations/${token}`))).status).toBe("pending");
  });
});

describe("SMTP up", () => {
  it("delivers one message per invited person naming inviter, org, role and expiry, with an APP_URL link that resolves", async () => {
    sink ??= await startSmtpSink(port);
    const people = [newAddress("first"), newAddress("second")];
    expect((await invite(people, "viewer")).status).toBe(201);
    await deliverDue();
    await sink.waitFor((mails) => people.every((p) => mails.some((m) => m.to.includes(p))));
    // Let any delivery still running in the background finish, then make sure nothing was sent twice.
    await deliverDue();

    for (const email of people) {
      const received = sink.to(email);
      expect(received, email).toHaveLength(1);
      const [mail] = received;
      const [invitation] = await invitationsTo(org.id, email);
      expect(mail.raw).toMatch(/^Subject: Sam Sender invited you to Mail Org on Atrium\r?$/m);
      expect(mail.from).toBe("no-reply@atrium.local");
      expect(mail.decoded).toContain("Sam Sender invited you to join Mail Org on Atrium as a viewer.");
      expect(mail.decoded).toContain(`The link expires on ${invitation.expiresAt.toUTCString()}.`);
      const link = mail.decoded.match(/(https?:\/\/\S+?)\/invite\/([A-Za-z0-9_-]{43})/);
      expect(link, mail.decoded).not.toBeNull();
      expect(link![1]).toBe(APP_URL);

      const res = await api("GET", `/api/v1/invitations/${link![2]}`);
      expect(res.status).toBe(200);
      expect(await bodyOf(res)).toMatchObject({ email, role: "viewer", status: "pending", org: { slug: org.slug, name: "Mail Org" }, inviterName: "Sam Sender" });
      expect(await deliveryOf(email)).toBe("sent");
    }
  });

  it("cannot be made to add recipients or headers through a name with line breaks", async () => {
    sink ??= await startSmtpSink(port);
    const sly = await quickPerson({ name: "Eve\r\nBcc: victim@evil.example\r\nX-Injected: yes" });
    const slyOrg = await seedOrg([[sly, "owner"]], { name: "Org\r\nCc: other@evil.example" });
    const email = newAddress("inject");
    expect((await api("POST", `/api/v1/orgs/${slyOrg.slug}/invitations`, { as: sly, body: { emails: email, role: "member" } })).status).toBe(201);
    await deliverDue();
    await sink.waitFor((mails) => mails.some((m) => m.to.includes(email)));
    await deliverDue();
    const [mail] = sink.to(email);
    expect(mail.to).toEqual([email]);
    expect(sink.received.some((m) => m.to.some((to) => to.includes("evil.example")))).toBe(false);
    const headers = mail.raw.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^(Bcc|Cc|X-Injected):/im);
  });
});
