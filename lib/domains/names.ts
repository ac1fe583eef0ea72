import { domainToASCII, domainToUnicode } from "node:url";
import allProviders from "email-providers/all.json" with { type: "json" };
import commonProviders from "email-providers/common.json" with { type: "json" };
import { parse } from "tldts";
import unhomoglyph from "unhomoglyph";

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Letters only (or an IDN's xn-- form): an all-digit last label is an IP address, not a domain.
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A domain as it is stored and compared: lower-case ASCII (internationalized names in their xn--
 * form), no trailing dot. Null when it is not a host name (IP addresses, single labels, wildcards,
 * bad characters).
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

/** How a stored domain is shown to people: internationalized names in Unicode. */
export const displayDomain = (domain: string) => domainToUnicode(domain) || domain;

const registrable = (domain: string) => parse(domain, { allowPrivateDomains: true });

const FREE_MAIL = new Set<string>(allProviders);
// The big providers' names under any suffix: gmx.co.uk is GMX although only gmx.de and gmx.com are listed.
const FREE_MAIL_NAMES = new Set(commonProviders.map((d) => registrable(d).domainWithoutSuffix).filter((n): n is string => !!n));

/** Scripts a label may not mix (Unicode script names); Han, Hiragana, Katakana and Hangul count as one. */
const SCRIPTS: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["CJK", /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

function scriptsOf(label: string) {
  const found = new Set<string>();
  for (const char of label) {
    if (!/\p{L}/u.test(char)) continue;
    found.add(SCRIPTS.find(([, re]) => re.test(char))?.[0] ?? "Other");
  }
  return found;
}

/**
 * Whether an internationalized name could pass for another: a label mixing scripts (Latin with
 * Cyrillic, …; Latin with CJK is allowed, as Unicode's "highly restrictive" profile does), or one
 * whose every character looks like plain ASCII (Unicode's confusables: Cyrillic "аррӏе" for "apple").
 */
export function isConfusable(domain: string): boolean {
  if (!domain.split(".").some((l) => l.startsWith("xn--"))) return false;
  return displayDomain(domain)
    .split(".")
    .some((label) => {
      if (/^[\x00-\x7f]*$/.test(label)) return false;
      const scripts = scriptsOf(label);
      scripts.delete("CJK");
      if (scripts.size > 1 || scripts.has("Other")) return true;
      return /^[\x00-\x7f]*$/.test(unhomoglyph(label.normalize("NFKC")));
    });
}

export type DomainRefusal = "invalid" | "public_suffix" | "free_mail" | "confusable";

/**
 * Why an organization may not claim a (normalized) domain, or null: a public suffix (co.uk,
 * github.io), a free-mail provider or any name under one (mail.yahoo.com, gmx.co.uk), or a
 * confusable internationalized name. These come from maintained lists; the DNS proof is the guard.
 */
export function refusalOf(domain: string): DomainRefusal | null {
  const parsed = registrable(domain);
  if (!parsed.domain || parsed.publicSuffix === domain) return "public_suffix";
  if (FREE_MAIL.has(domain) || FREE_MAIL.has(parsed.domain) || (parsed.domainWithoutSuffix && FREE_MAIL_NAMES.has(parsed.domainWithoutSuffix))) return "free_mail";
  if (isConfusable(domain)) return "confusable";
  return null;
}
