import { describe, expect, it } from "vitest";
import { emailSchema, passwordSchema, signUpInput } from "@/lib/accounts/schemas";
import { createOrgInput, slugSchema, suggestSlug, updateOrgInput } from "@/lib/orgs/schemas";
import { entryTags } from "@/lib/pointers/schemas";

const ok = (schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown } }, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success, `expected ${JSON.stringify(value)} to be accepted`).toBe(true);
  return result.data;
};
const refused = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) =>
  expect(schema.safeParse(value).success, `expected ${JSON.stringify(value)} to be refused`).toBe(false);

describe("slugSchema", () => {
  it.each(["api", "login", "signup", "settings", "orgs", "invite", "new", "admin", "www", "verify-email", "reset-password"])(
    "refuses the reserved word %s",
    (word) => {
      const result = slugSchema.safeParse(word);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/reserved/i);
    },
  );

  it("folds upper case before every check, so reserved words cannot sneak in capitalised", () => {
    expect(ok(slugSchema, "Deep-Labs")).toBe("deep-labs");
    expect(ok(slugSchema, "  ACME42  ")).toBe("acme42");
    refused(slugSchema, "API");
    refused(slugSchema, "Settings");
  });

  it.each([
    ["-abc", "leading hyphen"],
    ["abc-", "trailing hyphen"],
    ["a--b", "double hyphen"],
    ["-", "hyphen only"],
    ["a_b", "underscore"],
    ["a.b", "dot"],
    ["a b", "space inside"],
    ["ünï", "non-ASCII letters"],
    ["a/b", "slash"],
    ["'; drop table users;--", "SQL"],
    ["<script>", "HTML"],
    ["", "empty"],
  ])("refuses %j (%s)", (slug) => refused(slugSchema, slug));

  it("accepts single inner hyphens and digits", () => {
    expect(ok(slugSchema, "a-b-c")).toBe("a-b-c");
    expect(ok(slugSchema, "42")).toBe("42");
    expect(ok(slugSchema, "team-2024")).toBe("team-2024");
  });

  it("accepts 2 to 39 characters", () => {
    refused(slugSchema, "a");
    expect(ok(slugSchema, "ab")).toBe("ab");
    expect(ok(slugSchema, "x".repeat(39))).toBe("x".repeat(39));
    refused(slugSchema, "x".repeat(40));
  });

  it("refuses things that are not strings", () => {
    for (const value of [undefined, null, 42, ["abc"], { slug: "abc" }]) refused(slugSchema, value);
  });
});

describe("suggestSlug", () => {
  it.each([
    ["Deep Mind Labs!", "deep-mind-labs"],
    ["Café Zürich", "cafe-zurich"],
    ["Ünïcödé Ñandú", "unicode-nandu"],
    ["  --Hello__World--  ", "hello-world"],
    ["R&D / ML (2024)", "r-d-ml-2024"],
    ["<b>Bold</b>", "b-bold-b"],
    ["'; DROP TABLE orgs;--", "drop-table-orgs"],
    ["日本語", ""],
    ["🚀🚀", ""],
    ["", ""],
  ])("%j → %j", (name, slug) => {
    expect(suggestSlug(name)).toBe(slug);
  });

  it("cuts long names to 39 characters without leaving a hyphen at the end", () => {
    expect(suggestSlug("a".repeat(100))).toBe("a".repeat(39));
    // The cut falls right after a word: the dangling hyphen goes.
    expect(suggestSlug(`${"x".repeat(38)} yz`)).toBe("x".repeat(38));
    const long = suggestSlug("The International Society of Very Long Organization Names");
    expect(long.length).toBeLessThanOrEqual(39);
    expect(long).not.toMatch(/-$/);
  });

  it("suggests slugs that slugSchema accepts (unless reserved or too short)", () => {
    for (const name of ["Deep Mind Labs!", "Café Zürich", "  --Hello__World--  ", "x".repeat(38) + " yz", "A".repeat(80), "Ünïcödé — ünïcödé"]) {
      const slug = suggestSlug(name);
      expect(slugSchema.safeParse(slug).success, slug).toBe(true);
    }
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases", () => {
    expect(ok(emailSchema, "  Alice.Smith@Example.COM ")).toBe("alice.smith@example.com");
    expect(ok(emailSchema, "bob+tag@sub.example.org")).toBe("bob+tag@sub.example.org");
  });

  it.each([
    "",
    "   ",
    "alice",
    "alice@",
    "@example.com",
    "alice@example",
    "alice smith@example.com",
    "alice@@example.com",
    "<script>alert(1)</script>@example.com",
    `${"a".repeat(250)}@example.com`,
  ])("refuses %j", (email) => refused(emailSchema, email));

  it("refuses things that are not strings", () => {
    for (const value of [undefined, null, 42, ["a@b.co"]]) refused(emailSchema, value);
  });
});

describe("passwordSchema", () => {
  it("accepts 10 to 200 characters, including a 64-character password", () => {
    ok(passwordSchema, "a".repeat(10));
    ok(passwordSchema, "p".repeat(64));
    ok(passwordSchema, "ü🚀 ".repeat(16)); // 64 UTF-16 code units
    ok(passwordSchema, "z".repeat(200));
  });

  it("refuses 9 and 201 characters", () => {
    refused(passwordSchema, "a".repeat(9));
    refused(passwordSchema, "a".repeat(201));
  });

  it("keeps spaces: a password is never trimmed", () => {
    expect(ok(passwordSchema, "  spaced out  ")).toBe("  spaced out  ");
  });

  it("is what sign-up uses", () => {
    refused(signUpInput, { name: "A", email: "a@example.com", password: "short" });
    ok(signUpInput, { name: "A", email: "a@example.com", password: "p".repeat(200) });
  });
});

describe("organization website and name", () => {
  const base = { name: "Labs", slug: "labs" };

  it.each(["https://example.com", "http://example.com/path?q=1#x", "HTTPS://EXAMPLE.COM", "", "  https://trimmed.example  "])("accepts website %j", (website) => {
    ok(createOrgInput, { ...base, website });
    ok(updateOrgInput, { website });
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.com",
    "//example.com",
    "example.com",
    "https://",
    "https:// example.com",
    "https://exa mple.com",
    `https://${"a".repeat(200)}.com`,
  ])("refuses website %j", (website) => {
    refused(createOrgInput, { ...base, website });
    refused(updateOrgInput, { website });
  });

  it("keeps HTML and unicode in names verbatim, up to 80 characters", () => {
    expect(ok(createOrgInput, { ...base, name: "<b>Déjà</b> & 🚀" })).toMatchObject({ name: "<b>Déjà</b> & 🚀" });
    ok(createOrgInput, { ...base, name: "n".repeat(80) });
    refused(createOrgInput, { ...base, name: "n".repeat(81) });
    refused(createOrgInput, { ...base, name: "   " });
  });

  it("refuses an unknown visibility", () => {
    refused(updateOrgInput, { visibility: "secret" });
    ok(updateOrgInput, { visibility: "public" });
  });
});

describe("registry and hub tags", () => {
  it("takes a list, or a form's text separated by commas, trimmed and without repeats", () => {
    expect(entryTags.parse(["vision", " baseline "])).toEqual(["vision", "baseline"]);
    expect(entryTags.parse("vision, baseline,,vision")).toEqual(["vision", "baseline"]);
    expect(entryTags.parse(undefined)).toEqual([]);
    expect(entryTags.safeParse(Array.from({ length: 21 }, (_, i) => `t${i}`)).success).toBe(false);
    expect(entryTags.safeParse("x".repeat(51)).success).toBe(false);
    expect(entryTags.safeParse(42).success).toBe(false);
  });
});
