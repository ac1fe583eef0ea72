import { domainToASCII } from "node:url";

/**
 * Mail services anyone can sign up to: an address there says nothing about an employer, so no
 * organization may claim one for SSO or open join.
 */
export const PUBLIC_MAIL_DOMAINS = new Set([
  "163.com", "126.com", "aim.com", "aol.com", "att.net", "bk.ru", "btinternet.com", "comcast.net", "duck.com",
  "email.com", "fastmail.com", "fastmail.fm", "free.fr", "gmail.com", "gmx.at", "gmx.com", "gmx.de", "gmx.net",
  "googlemail.com", "hey.com", "hotmail.co.uk", "hotmail.com", "hotmail.de", "hotmail.fr", "hotmail.it",
  "hushmail.com", "icloud.com", "inbox.ru", "laposte.net", "libero.it", "list.ru", "live.co.uk", "live.com",
  "live.fr", "mac.com", "mail.com", "mail.ru", "me.com", "msn.com", "naver.com", "orange.fr", "outlook.co.uk",
  "outlook.com", "outlook.de", "outlook.fr", "pm.me", "proton.me", "protonmail.ch", "protonmail.com", "qq.com",
  "rambler.ru", "rediffmail.com", "rocketmail.com", "seznam.cz", "sina.com", "t-online.de", "tutanota.com",
  "tuta.io", "verizon.net", "wanadoo.fr", "web.de", "yahoo.co.in", "yahoo.co.jp", "yahoo.co.uk", "yahoo.com",
  "yahoo.de", "yahoo.fr", "yandex.com", "yandex.ru", "ymail.com", "zoho.com", "zohomail.com",
]);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Letters only (or an IDN's xn-- form): an all-digit last label is an IP address, not a domain.
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A domain as it is stored and compared: lower-case ASCII (internationalized names in their xn--
 * form), no trailing dot. Null when it is not a registrable host name (IP addresses, single labels,
 * wildcards, bad characters).
 */
export function normalizeDomain(raw: string): string | null {
  const trimmed = raw.trim().replace(/^@/, "").replace(/\.$/, "");
  if (!trimmed || trimmed.length > 253 || /[\s/\\:*@]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return TOP_LABEL.test(labels[labels.length - 1]) ? ascii : null;
}

/** The domain of an address: exactly what follows its last "@", normalized. No suffix matching, ever. */
export const domainOfEmail = (email: string) => (email.includes("@") ? normalizeDomain(email.slice(email.lastIndexOf("@") + 1)) : null);
