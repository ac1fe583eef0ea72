import nodemailer, { type Transporter } from "nodemailer";
import { mailFrom } from "@/lib/config";
import type { Mail } from "./outbox";

let cached: { url: string; transporter: Transporter } | undefined;

/**
 * Bounded waits, so a mail server that accepts TCP and never answers cannot hold a delivery loop
 * for minutes (nodemailer's defaults are 2 and 10 minutes). Query parameters of SMTP_URL
 * (e.g. `?greetingTimeout=5000`) override them.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export async function send(mail: Mail & { messageId: string }) {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  if (cached?.url !== url) cached = { url, transporter: nodemailer.createTransport({ url, ...TIMEOUTS }) };
  await cached.transporter.sendMail({ from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
}
