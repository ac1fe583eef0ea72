import { describe, expect, it } from "vitest";
import { displayDomain, isConfusable, normalizeDomain, refusalOf } from "@/lib/domains/names";

const norm = (d: string) => normalizeDomain(d)!;

describe("refusalOf: what no organization may claim", () => {
  it.each([
    // from the public suffix list (tldts)
    ["co.uk", "public_suffix"],
    ["com", "invalid"], // not even a domain: normalizeDomain refuses single labels
    ["github.io", "public_suffix"],
    ["s3.amazonaws.com", "public_suffix"],
    // free mail (email-providers), also below a provider and under another suffix
    ["gmail.com", "free_mail"],
    ["gmx.co.uk", "free_mail"],
    ["mail.yahoo.com", "free_mail"],
    ["yahoo.co.jp", "free_mail"],
    ["Outlook.com", "free_mail"],
    // look-alikes
    ["аррӏе.com", "confusable"], // all Cyrillic, reads as "apple"
    ["асme.com", "confusable"], // Cyrillic а, с with Latin m, e
    ["pаypal.com", "confusable"], // one Cyrillic а
    ["gοogle.com", "confusable"], // Greek ο
  ])("%s → %s", (raw, expected) => {
    const domain = normalizeDomain(raw);
    expect(domain === null ? "invalid" : refusalOf(domain)).toBe(expected);
  });

  it.each(["acme.test", "acme.com", "sub.acme.co.uk", "foo.github.io", "bücher.de", "münchen.de", "παράδειγμα.gr", "пример.рф", "例え.jp", "日本語.jp"])("allows %s", (raw) =>
    expect(refusalOf(norm(raw))).toBeNull(),
  );

  it("does not call plain ASCII names confusable", () => {
    for (const d of ["rnicrosoft.com", "paypal.com", "xn--bcher-kva.de"]) expect(isConfusable(d), d).toBe(false);
  });
});

describe("displayDomain", () => {
  it("shows internationalized names in Unicode and others as they are", () => {
    expect(displayDomain("xn--bcher-kva.de")).toBe("bücher.de");
    expect(displayDomain("acme.test")).toBe("acme.test");
  });
});
