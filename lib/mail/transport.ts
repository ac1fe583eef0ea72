import nodemailer, { type Transporter } from "nodemailer";
import { mailFrom } from "@/lib/config";
import type { Mail } from "./outbox";

let cached: { url: string; transporter: Transporter } | undefined;

export async function send(mail: Mail) {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  if (cached?.url !== url) cached = { url, transporter: nodemailer.createTransport(url) };
  await cached.transporter.sendMail({ from: mailFrom(), ...mail });
}
