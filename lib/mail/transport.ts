import nodemailer, { type Transporter } from "nodemailer";
import { mailFrom } from "@/lib/config";
import type { Mail } from "./outbox";

let transporter: Transporter | undefined;

export async function send(mail: Mail) {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  transporter ??= nodemailer.createTransport(url);
  await transporter.sendMail({ from: mailFrom(), ...mail });
}
