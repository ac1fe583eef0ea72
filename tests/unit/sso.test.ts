/**
 * The pure parts of SSO and open join: domain names, the auth settings input, sealed values, the
 * profile read from a provider's claims and the instance providers read from the environment.
 * Expectations are written out by hand (DESIGN §5 and §7), never computed from the code under test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { domainOfEmail, normalizeDomain } from "@/lib/domains/names";
import { authSettingsFromForm, authSettingsInput } from "@/lib/auth-settings/schemas";
import { seal, sealJson, unseal, unsealJson } from "@/lib/auth/sealed";
import { githubProfile, profileFromClaims, type GithubEmail } from "@/lib/sso/profile";
import { configuredProviders, instanceProvider, orgIdOfProviderKey, orgProviderKey, ssoMethodsOf, type EmailTrust } from "@/lib/sso/providers";

type Parsed = ReturnType<typeof authSettingsInput.safeParse>;

/** The settings as a valid PUT body; each test changes one thing. */
const VALID = { providers: ["google"], domains: "acme.com", openJoin: false, defaultRole: "member", requireSso: false, oidc: null };
const OIDC = {
  issuer: "https://idp.acme.com",
  clientId: "atrium",
  clientSecret: "s3cret",
  displayName: "Acme SSO",
  emailClaim: "email",
  groupsClaim: "groups",
};

const parse = (patch: Record<string, unknown>): Parsed => authSettingsInput.safeParse({ ...VALID, ...patch });
const parseOidc = (patch: Record<string, unknown>): Parsed => parse({ oidc: { ...OIDC, ...patch } });

function accepted(result: Parsed) {
  expect(result.success, result.success ? "" : JSON.stringify(result.error.issues)).toBe(true);
  return result.data!;
}
/** The messages of a refused input, so a test can say both that it failed and why. */
function messages(result: Parsed, path?: string): string[] {
  expect(result.success, "expected the input to be refused").toBe(false);
  return result.error!.issues.filter((i) => path === undefined || i.path.join(".") === path).map((i) => i.message);
}

describe("normalizeDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["ACME.Com", "acme.com"],
    ["acme.com.", "acme.com"],
    ["@acme.com", "acme.com"],
    ["  acme.com  ", "acme.com"],
    [" @Mail.ACME.co.uk. ", "mail.acme.co.uk"],
    ["bücher.de", "xn--bcher-kva.de"],
    ["BÜCHER.de", "xn--bcher-kva.de"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
    ["my-company.io", "my-company.io"],
    ["a1.b2.example", "a1.b2.example"],
    ["123.example", "123.example"], // digits are fine anywhere but in the last label
    ["example.xn--p1ai", "example.xn--p1ai"], // an IDN top-level domain (.рф)
  ])("%j → %j", (raw, expected) => {
    expect(normalizeDomain(raw)).toBe(expected);
  });

  it("accepts 253 characters and refuses 254", () => {
    const d253 = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");
    const d254 = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62)].join(".");
    expect(d253).toHaveLength(253);
    expect(d254).toHaveLength(254);
    expect(normalizeDomain(d253)).toBe(d253);
    expect(normalizeDomain(`${d253}.`)).toBe(d253);
    expect(normalizeDomain(d254)).toBeNull();
  });

  it("accepts a 63-character label and refuses a 64-character one", () => {
    expect(normalizeDomain(`${"a".repeat(63)}.com`)).toBe(`${"a".repeat(63)}.com`);
    expect(normalizeDomain(`${"a".repeat(64)}.com`)).toBeNull();
  });

  it.each([
    ["", "empty"],
    ["   ", "blank"],
    ["@", "only an at sign"],
    [".", "only a dot"],
    ["localhost", "single label"],
    ["com", "bare top-level domain"],
    ["192.168.0.1", "IPv4 address"],
    ["[::1]", "IPv6 address"],
    ["*.acme.com", "wildcard"],
    ["acme..com", "empty label"],
    [".acme.com", "leading dot"],
    ["acme.com..", "two trailing dots"],
    ["-acme.com", "label starting with a hyphen"],
    ["acme-.com", "label ending with a hyphen"],
    ["acme.-com", "top label starting with a hyphen"],
    ["acme .com", "space inside"],
    ["acme\t.com", "tab inside"],
    ["acme.com/path", "slash"],
    ["acme.com\\x", "backslash"],
    ["acme.com:443", "port"],
    ["user@acme.com", "an email address"],
    ["acme_corp.com", "underscore"],
    ["acme.123", "all-numeric top-level domain"],
    ["acme.c", "one-letter top-level domain"],
    ["<script>.com", "markup"],
    ["https://acme.com", "a URL"],
  ])("refuses %j (%s)", (raw) => {
    expect(normalizeDomain(raw)).toBeNull();
  });
});

describe("domainOfEmail", () => {
  it.each([
    ["ada@acme.com", "acme.com"],
    ["Ada@ACME.Com", "acme.com"],
    ["a@b@acme.com", "acme.com"], // what follows the last "@", as mail servers read it
    ["ada@bücher.de", "xn--bcher-kva.de"],
    ["x@acme.com.evil.test", "acme.com.evil.test"], // never a suffix match on acme.com
    ["x@sub.acme.com", "sub.acme.com"],
    ["ada@gmail.com", "gmail.com"], // public services are refused by the settings, not here
  ])("%j → %j", (email, expected) => {
    expect(domainOfEmail(email)).toBe(expected);
  });

  it.each(["acme.com", "", "ada", "ada@", "ada@localhost", "ada@192.168.0.1", "ada@acme..com", "acme.com@", "ada@acme.com@", "ada@*.acme.com"])(
    "%j has no domain",
    (email) => expect(domainOfEmail(email)).toBeNull(),
  );
});

describe("authSettingsInput", () => {
  it("accepts the whole settings and gives them back normalized", () => {
    expect(accepted(parse({}))).toEqual({ providers: ["google"], domains: ["acme.com"], openJoin: false, defaultRole: "member", requireSso: false, oidc: null });
  });

  it.each(["providers", "domains", "openJoin", "defaultRole", "requireSso", "oidc"])("requires %s", (key) => {
    const body: Record<string, unknown> = { ...VALID };
    delete body[key];
    const result = authSettingsInput.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([key]);
  });

  it("refuses what is not an object", () => {
    for (const value of [undefined, null, "settings", 42, []]) expect(authSettingsInput.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  describe("domains", () => {
    it.each([
      ["acme.com", ["acme.com"]],
      ["acme.com acme.co.uk", ["acme.com", "acme.co.uk"]],
      ["acme.com,acme.co.uk", ["acme.com", "acme.co.uk"]],
      ["acme.com, acme.co.uk", ["acme.com", "acme.co.uk"]],
      ["acme.com\nacme.co.uk\r\nacme.de", ["acme.com", "acme.co.uk", "acme.de"]],
      ["  acme.com ,,\n\n  acme.de  ", ["acme.com", "acme.de"]],
      ["ACME.com acme.com @acme.com acme.com.", ["acme.com"]],
      ["bücher.de", ["xn--bcher-kva.de"]],
      ["", []],
      ["  \n ", []],
    ])("the text %j → %j", (domains, expected) => {
      expect(accepted(parse({ domains })).domains).toEqual(expected);
    });

    it.each([
      [["acme.com", "acme.co.uk"], ["acme.com", "acme.co.uk"]],
      [["ACME.com", " acme.com ", "acme.com."], ["acme.com"]],
      [["", "  ", "acme.de"], ["acme.de"]],
      [[], []],
    ])("the list %j → %j", (domains, expected) => {
      expect(accepted(parse({ domains })).domains).toEqual(expected);
    });

    it("names an invalid domain that is plain text", () => {
      expect(messages(parse({ domains: "acme.com acme..com" }), "domains")).toEqual(["Not a domain name: acme..com. Enter names like example.com."]);
      expect(messages(parse({ domains: ["localhost"] }), "domains")).toEqual(["Not a domain name: localhost. Enter names like example.com."]);
    });

    it("names at most five invalid domains", () => {
      expect(messages(parse({ domains: "one two three four five six seven" }), "domains")).toEqual([
        "Not a domain name: one, two, three, four, five. Enter names like example.com.",
      ]);
    });

    it.each([
      ["acme.com <script>alert(1)</script>", "#2"],
      [["<img src=x onerror=alert(1)>"], "#1"],
      [["acme.com", "acme.de", '"quoted".com'], "#3"],
      [["a&b.com"], "#1"],
      [["it's.com"], "#1"],
      [[`${"x".repeat(101)}`], "#1"], // too long to repeat back
    ])("never echoes markup: %j is named by its position %s", (domains, position) => {
      const [message] = messages(parse({ domains }), "domains");
      expect(message).toBe(`Not a domain name: ${position}. Enter names like example.com.`);
      expect(message).not.toMatch(/[<>&"']/);
    });

    it("refuses public mail services, naming them", () => {
      expect(messages(parse({ domains: "acme.com GMail.com" }), "domains")).toEqual([
        "gmail.com is a public mail service: anyone can have an address there. List your organization's own domains.",
      ]);
      expect(messages(parse({ domains: ["gmail.com", "outlook.com"] }), "domains")).toEqual([
        "gmail.com, outlook.com are public mail services: anyone can have an address there. List your organization's own domains.",
      ]);
    });

    it("accepts 20 domains and refuses 21 (counted after removing duplicates)", () => {
      const twenty = Array.from({ length: 20 }, (_, i) => `d${i}.acme.com`);
      expect(accepted(parse({ domains: twenty })).domains).toEqual(twenty);
      expect(accepted(parse({ domains: [...twenty, "D0.acme.com", "d1.acme.com."] })).domains).toEqual(twenty);
      expect(messages(parse({ domains: [...twenty, "d20.acme.com"] }), "domains")).toEqual(["List at most 20 domains."]);
      expect(messages(parse({ domains: [...twenty, "d20.acme.com"].join(" ") }), "domains")).toEqual(["List at most 20 domains."]);
    });

    it("refuses what is neither a string nor a list of strings", () => {
      for (const domains of [null, 42, { acme: true }, [42], ["acme.com", null]]) expect(parse({ domains }).success, JSON.stringify(domains)).toBe(false);
    });

    it("refuses oversized input before looking at it", () => {
      expect(parse({ domains: "a.com ".repeat(4000) }).success).toBe(false); // 24,000 characters
      expect(parse({ domains: Array.from({ length: 201 }, () => "acme.com") }).success).toBe(false);
      expect(parse({ domains: [`${"a".repeat(301)}.com`] }).success).toBe(false);
    });
  });

  it.each(["member", "viewer"])("accepts the default role %s", (defaultRole) => {
    expect(accepted(parse({ defaultRole })).defaultRole).toBe(defaultRole);
  });

  it.each(["owner", "admin", "Member", "", null, 1])("refuses the default role %j", (defaultRole) => {
    expect(messages(parse({ defaultRole }), "defaultRole")).toEqual(["Choose member or viewer as the role for people who join."]);
  });

  describe("providers", () => {
    it.each([
      [[], []],
      [["github", "gitlab", "google", "microsoft-entra-id"], ["github", "gitlab", "google", "microsoft-entra-id"]],
      [["google", "github", "google", "github"], ["google", "github"]],
    ])("%j → %j", (providers, expected) => {
      expect(accepted(parse({ providers })).providers).toEqual(expected);
    });

    it.each([[["facebook"]], [["GitHub"]], [["org-3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f"]], [[""]], ["github"], [null]])("refuses %j", (providers) => {
      expect(parse({ providers }).success).toBe(false);
    });

    it("names the problem with an unknown provider", () => {
      expect(messages(parse({ providers: ["github", "facebook"] }))).toEqual(["Unknown sign-in provider."]);
    });
  });

  it.each(["openJoin", "requireSso"])("takes %s as a real boolean only", (key) => {
    expect(accepted(parse({ [key]: true }))[key as "openJoin"]).toBe(true);
    expect(accepted(parse({ [key]: false }))[key as "openJoin"]).toBe(false);
    for (const value of ["true", "on", 1, 0, null]) expect(parse({ [key]: value }).success, `${key}: ${JSON.stringify(value)}`).toBe(false);
  });

  describe("oidc", () => {
    it("accepts null (no provider of the organization's own)", () => {
      expect(accepted(parse({ oidc: null })).oidc).toBeNull();
    });

    it("accepts a provider and gives it back trimmed", () => {
      expect(accepted(parseOidc({ issuer: "  https://idp.acme.com/realms/acme  ", clientId: " atrium ", clientSecret: " s3cret " })).oidc).toEqual({
        issuer: "https://idp.acme.com/realms/acme",
        clientId: "atrium",
        clientSecret: "s3cret",
        displayName: "Acme SSO",
        emailClaim: "email",
        groupsClaim: "groups",
      });
    });

    it.each(["https://idp.acme.com", "https://login.microsoftonline.com/3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f/v2.0", "http://localhost:8080/realms/acme"])(
      "accepts the issuer %s",
      (issuer) => expect(accepted(parseOidc({ issuer })).oidc?.issuer).toBe(issuer),
    );

    it.each(["ftp://idp.acme.com", "not a url", "idp.acme.com", "javascript:alert(1)", "file:///etc/passwd", "https://", ""])("refuses the issuer %j", (issuer) => {
      const expected = issuer === "" ? "Enter the issuer URL." : "Enter the issuer's full URL, starting with https://.";
      expect(messages(parseOidc({ issuer }), "oidc.issuer")[0]).toBe(expected);
    });

    it("refuses an issuer over 500 characters", () => {
      expect(parseOidc({ issuer: `https://idp.acme.com/${"a".repeat(480)}` }).success).toBe(false);
    });

    it("requires the issuer and the client ID", () => {
      expect(messages(parse({ oidc: { clientId: "atrium" } }), "oidc.issuer")).toEqual(["Enter the issuer URL."]);
      expect(messages(parse({ oidc: { issuer: "https://idp.acme.com" } }), "oidc.clientId")).toEqual(["Enter the client ID."]);
      expect(messages(parseOidc({ clientId: "   " }), "oidc.clientId")).toEqual(["Enter the client ID."]);
    });

    it.each([[""], ["   "], [undefined]])("takes the client secret %j as “keep the saved one”", (clientSecret) => {
      const oidc = accepted(parseOidc({ clientSecret })).oidc!;
      expect(oidc.clientSecret).toBeUndefined();
    });

    it("fills in the optional fields", () => {
      expect(accepted(parse({ oidc: { issuer: "https://idp.acme.com", clientId: "atrium" } })).oidc).toEqual({
        issuer: "https://idp.acme.com",
        clientId: "atrium",
        clientSecret: undefined,
        displayName: "",
        emailClaim: "email",
        groupsClaim: null,
      });
    });

    it.each([
      ["", "email"],
      ["   ", "email"],
      ["upn", "upn"],
      [" preferred_username ", "preferred_username"],
    ])("reads the email claim %j as %j", (emailClaim, expected) => {
      expect(accepted(parseOidc({ emailClaim })).oidc?.emailClaim).toBe(expected);
    });

    it.each([
      ["", null],
      [null, null],
      [undefined, null],
      ["groups", "groups"],
      ["cognito:groups", "cognito:groups"],
      ["https://acme.com/claims/roles", "https://acme.com/claims/roles"],
      ["realm_access.roles", "realm_access.roles"],
    ])("reads the groups claim %j as %j", (groupsClaim, expected) => {
      expect(accepted(parseOidc({ groupsClaim })).oidc?.groupsClaim).toBe(expected);
    });

    it.each(["my claim", "<script>", "a\"b", "grüppen", "a;b", "x".repeat(101)])("refuses the claim name %j", (claim) => {
      expect(parseOidc({ emailClaim: claim }).success, `emailClaim ${claim}`).toBe(false);
      expect(parseOidc({ groupsClaim: claim }).success, `groupsClaim ${claim}`).toBe(false);
    });

    it("refuses a display name over 60 characters", () => {
      expect(accepted(parseOidc({ displayName: "x".repeat(60) })).oidc?.displayName).toBe("x".repeat(60));
      expect(parseOidc({ displayName: "x".repeat(61) }).success).toBe(false);
    });
  });
});

describe("authSettingsFromForm", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };

  it("reads the checkboxes and fields; oidc is null unless enabled", () => {
    const data = form({
      "providers.github": "on",
      "providers.microsoft-entra-id": "on",
      "providers.facebook": "on",
      domains: "acme.com\nacme.co.uk",
      openJoin: "on",
      defaultRole: "viewer",
      "oidc.issuer": "https://idp.acme.com", // ignored: the OIDC checkbox is off
    });
    expect(authSettingsFromForm(data)).toEqual({
      providers: ["github", "microsoft-entra-id"],
      domains: "acme.com\nacme.co.uk",
      openJoin: true,
      defaultRole: "viewer",
      requireSso: false,
      oidc: null,
    });
  });

  it("lists the providers in their stable order, whatever the order of the fields", () => {
    const data = form({ "providers.microsoft-entra-id": "on", "providers.google": "on", "providers.github": "on", "providers.gitlab": "on" });
    expect(authSettingsFromForm(data).providers).toEqual(["github", "gitlab", "google", "microsoft-entra-id"]);
  });

  it("builds the oidc object from its fields when enabled", () => {
    const data = form({
      defaultRole: "member",
      requireSso: "on",
      oidcEnabled: "on",
      "oidc.issuer": "https://idp.acme.com",
      "oidc.clientId": "atrium",
      "oidc.clientSecret": "s3cret",
      "oidc.displayName": "Acme SSO",
      "oidc.emailClaim": "upn",
      "oidc.groupsClaim": "groups",
    });
    expect(authSettingsFromForm(data)).toEqual({
      providers: [],
      domains: "",
      openJoin: false,
      defaultRole: "member",
      requireSso: true,
      oidc: { issuer: "https://idp.acme.com", clientId: "atrium", clientSecret: "s3cret", displayName: "Acme SSO", emailClaim: "upn", groupsClaim: "groups" },
    });
  });

  it("gives authSettingsInput what it needs: blank optional fields become their defaults", () => {
    const data = form({
      domains: "Acme.com, acme.de",
      defaultRole: "member",
      oidcEnabled: "on",
      "oidc.issuer": "https://idp.acme.com",
      "oidc.clientId": "atrium",
      "oidc.clientSecret": "",
      "oidc.displayName": "",
      "oidc.emailClaim": "",
      "oidc.groupsClaim": "",
    });
    expect(accepted(authSettingsInput.safeParse(authSettingsFromForm(data)))).toEqual({
      providers: [],
      domains: ["acme.com", "acme.de"],
      openJoin: false,
      defaultRole: "member",
      requireSso: false,
      oidc: { issuer: "https://idp.acme.com", clientId: "atrium", clientSecret: undefined, displayName: "", emailClaim: "email", groupsClaim: null },
    });
  });

  it("reads an empty form as nothing enabled, and the missing role is refused", () => {
    const input = authSettingsFromForm(new FormData());
    expect(input).toEqual({ providers: [], domains: "", openJoin: false, defaultRole: "", requireSso: false, oidc: null });
    expect(messages(authSettingsInput.safeParse(input)).length).toBe(1);
    expect(messages(authSettingsInput.safeParse(input), "defaultRole")).toHaveLength(1);
  });

  it("treats a checkbox as checked only when its value is on, and an uploaded file as no text", () => {
    const data = form({ "providers.github": "true", openJoin: "yes", oidcEnabled: "1", defaultRole: "member" });
    data.set("domains", new Blob(["acme.com"]), "domains.txt");
    expect(authSettingsFromForm(data)).toEqual({ providers: [], domains: "", openJoin: false, defaultRole: "member", requireSso: false, oidc: null });
  });
});

describe("seal / unseal", () => {
  /** The same value with its n-th dot-separated part changed in its first character (never only padding bits). */
  const tamper = (sealed: string, n: number) =>
    sealed
      .split(".")
      .map((part, i) => (i === n ? (part[0] === "A" ? "B" : "A") + part.slice(1) : part))
      .join(".");

  it.each(["client-secret-123", "", "ünïcødé 🚀 日本語", "x".repeat(10_000), "a.b.c.d"])("opens what it sealed: %j", (plaintext) => {
    const sealed = seal("sso client secret", plaintext);
    expect(unseal("sso client secret", sealed)).toBe(plaintext);
  });

  it("has the form v1.<iv>.<ciphertext>.<tag> and does not contain the plaintext", () => {
    const sealed = seal("sso client secret", "client-secret-123");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain("client-secret-123");
    expect(sealed).not.toContain(Buffer.from("client-secret-123").toString("base64url"));
  });

  it("seals the same plaintext differently each time (random IV)", () => {
    const a = seal("sso client secret", "same");
    const b = seal("sso client secret", "same");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(unseal("sso client secret", a)).toBe("same");
    expect(unseal("sso client secret", b)).toBe("same");
  });

  it.each([
    ["sso client secret", "sso state"],
    ["sso client secret", "sso pending link"],
    ["sso state", "sso client secret"],
    ["sso state", "sso pending link"],
    ["sso pending link", "sso client secret"],
    ["sso pending link", "sso state"],
  ] as const)("a value sealed for %j cannot be opened as %j", (sealedFor, openedAs) => {
    expect(unseal(openedAs, seal(sealedFor, "secret"))).toBeNull();
  });

  it.each([
    [0, "version"],
    [1, "IV"],
    [2, "ciphertext"],
    [3, "tag"],
  ])("refuses a value whose part %i (%s) was changed", (n) => {
    const sealed = seal("sso state", "hello world");
    expect(unseal("sso state", sealed)).toBe("hello world");
    expect(tamper(sealed, n)).not.toBe(sealed);
    expect(unseal("sso state", tamper(sealed, n))).toBeNull();
  });

  it("refuses parts taken from another sealed value", () => {
    const [v, iv1, body1, tag1] = seal("sso state", "one").split(".");
    const [, iv2, body2, tag2] = seal("sso state", "two").split(".");
    expect(unseal("sso state", [v, iv2, body1, tag1].join("."))).toBeNull();
    expect(unseal("sso state", [v, iv1, body2, tag1].join("."))).toBeNull();
    expect(unseal("sso state", [v, iv1, body1, tag2].join("."))).toBeNull();
  });

  it("refuses a shortened ciphertext", () => {
    const [v, iv, body, tag] = seal("sso state", "hello world").split(".");
    expect(unseal("sso state", [v, iv, body.slice(0, -2), tag].join("."))).toBeNull();
    expect(unseal("sso state", [v, iv, "", tag].join("."))).toBeNull();
  });

  it("refuses a truncated authentication tag", () => {
    // AES-GCM must check the full 16-byte tag: a 4-byte prefix would make forgeries 2^96 times easier.
    const [v, iv, body, tag] = seal("sso state", "hello world").split(".");
    for (const bytes of [4, 8, 12, 15]) {
      const short = Buffer.from(tag, "base64url").subarray(0, bytes).toString("base64url");
      expect(unseal("sso state", [v, iv, body, short].join(".")), `${bytes}-byte tag`).toBeNull();
    }
  });

  it.each(["", "v1", "v1...", "v1.a.b.c", "v2.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA", "garbage", "💥.💥.💥.💥", "null", "v1.%%%.%%%.%%%"])(
    "refuses the garbage %j",
    (garbage) => {
      expect(unseal("sso state", garbage)).toBeNull();
    },
  );

  it("refuses a value sealed under another AUTH_SECRET", async () => {
    const sealed = seal("sso client secret", "client-secret-123");
    const saved = process.env.AUTH_SECRET;
    try {
      vi.resetModules();
      process.env.AUTH_SECRET = "another-secret-entirely";
      const other = await import("@/lib/auth/sealed");
      expect(other.unseal("sso client secret", other.seal("sso client secret", "x"))).toBe("x");
      expect(other.unseal("sso client secret", sealed)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = saved;
      vi.resetModules();
    }
  });
});

describe("sealJson / unsealJson", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens what it sealed, with its expiry added", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const sealed = sealJson("sso state", { p: "google", s: "state-1", n: null }, 600);
    expect(unsealJson("sso state", sealed)).toEqual({ p: "google", s: "state-1", n: null, exp: Date.parse("2030-01-01T00:10:00Z") });
  });

  it("expires after its time to live, not before", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const sealed = sealJson("sso state", { p: "google" }, 600);
    vi.setSystemTime(new Date("2030-01-01T00:09:59.999Z"));
    expect(unsealJson("sso state", sealed)).toEqual({ p: "google", exp: Date.parse("2030-01-01T00:10:00Z") });
    vi.setSystemTime(new Date("2030-01-01T00:10:00Z"));
    expect(unsealJson("sso state", sealed)).toBeNull();
    vi.setSystemTime(new Date("2030-01-02T00:00:00Z"));
    expect(unsealJson("sso state", sealed)).toBeNull();
  });

  it.each([0, -1, -3600])("is expired at once with a time to live of %i", (ttl) => {
    expect(unsealJson("sso state", sealJson("sso state", { p: "google" }, ttl))).toBeNull();
  });

  it("keeps its own expiry even when the value carries an exp of its own", () => {
    expect(unsealJson("sso state", sealJson("sso state", { exp: Date.parse("2999-01-01T00:00:00Z") }, -1))).toBeNull();
  });

  it("refuses another purpose, nothing, and sealed text that is not an expiring JSON object", () => {
    expect(unsealJson("sso pending link", sealJson("sso state", { p: "google" }, 600))).toBeNull();
    expect(unsealJson("sso state", null)).toBeNull();
    expect(unsealJson("sso state", undefined)).toBeNull();
    expect(unsealJson("sso state", "")).toBeNull();
    expect(unsealJson("sso state", "garbage")).toBeNull();
    for (const text of ["not json", "null", "42", '"text"', '{"p":"google"}', `{"exp":"${Date.now() + 60_000}"}`])
      expect(unsealJson("sso state", seal("sso state", text)), text).toBeNull();
    expect(unsealJson("sso state", seal("sso state", `{"p":"google","exp":${Date.now() + 60_000}}`))).toMatchObject({ p: "google" });
  });
});

describe("profileFromClaims", () => {
  type Trust = EmailTrust | "org";

  it.each<[string, Trust, string | undefined, Record<string, unknown>, boolean]>([
    // description                                  trust             emailClaim  claims                                                                  verified
    ["email_verified true",                         "email_verified", undefined, { email: "ada@acme.com", email_verified: true },                    true],
    ["email_verified \"true\"",                     "email_verified", undefined, { email: "ada@acme.com", email_verified: "true" },                  true],
    ["email_verified false",                        "email_verified", undefined, { email: "ada@acme.com", email_verified: false },                   false],
    ["email_verified \"false\"",                    "email_verified", undefined, { email: "ada@acme.com", email_verified: "false" },                 false],
    ["email_verified missing",                      "email_verified", undefined, { email: "ada@acme.com" },                                          false],
    ["email_verified 1",                            "email_verified", undefined, { email: "ada@acme.com", email_verified: 1 },                       false],
    ["email_verified \"yes\"",                      "email_verified", undefined, { email: "ada@acme.com", email_verified: "yes" },                   false],
    ["entra: xms_edov true",                        "entra",          undefined, { email: "ada@acme.com", xms_edov: true },                          true],
    ["entra: email_verified true alone",            "entra",          undefined, { email: "ada@acme.com", email_verified: true },                    false],
    ["entra: xms_edov false, email_verified true",  "entra",          undefined, { email: "ada@acme.com", xms_edov: false, email_verified: true },   false],
    ["entra: neither",                              "entra",          undefined, { email: "ada@acme.com" },                                          false],
    ["org, default claim, email_verified true",     "org",            undefined, { email: "ada@acme.com", email_verified: true },                    true],
    ["org, default claim, email_verified missing",  "org",            undefined, { email: "ada@acme.com" },                                          false],
    ["org, default claim, email_verified false",    "org",            undefined, { email: "ada@acme.com", email_verified: false },                   false],
    ["org, \"email\" named explicitly, missing",    "org",            "email",   { email: "ada@acme.com" },                                          false],
    ["org, upn, email_verified missing",            "org",            "upn",     { upn: "ada@acme.com" },                                            true],
    ["org, upn, email_verified true",               "org",            "upn",     { upn: "ada@acme.com", email_verified: true },                      true],
    ["org, upn, email_verified false",              "org",            "upn",     { upn: "ada@acme.com", email_verified: false },                     false],
    ["org, upn, email_verified \"false\"",          "org",            "upn",     { upn: "ada@acme.com", email_verified: "false" },                   false],
  ])("%s → verified %s", (_, trust, emailClaim, claims, verified) => {
    const profile = profileFromClaims({ sub: "sub-1", ...claims }, { trust, emailClaim });
    expect(profile.email).toBe("ada@acme.com");
    expect(profile.emailVerified).toBe(verified);
  });

  it("reads the address from the named claim only", () => {
    const profile = profileFromClaims({ sub: "s", email: "ada@acme.com", email_verified: true }, { trust: "org", emailClaim: "upn" });
    expect(profile.email).toBeNull();
    expect(profile.emailVerified).toBe(false);
    expect(profileFromClaims({ sub: "s", upn: "ada@acme.com", email: "eve@evil.test" }, { trust: "org", emailClaim: "upn" }).email).toBe("ada@acme.com");
  });

  it("lower-cases and trims the address", () => {
    expect(profileFromClaims({ sub: "s", email: "  Ada.Lovelace@ACME.com " }, { trust: "email_verified" }).email).toBe("ada.lovelace@acme.com");
  });

  it.each(["not-an-email", "ada@", "@acme.com", "ada lovelace@acme.com", "<script>@acme.com", "", 42, true, null, ["ada@acme.com"], { email: "ada@acme.com" }])(
    "takes %j as no address, never verified",
    (email) => {
      const profile = profileFromClaims({ sub: "s", email, email_verified: true, xms_edov: true }, { trust: "email_verified" });
      expect(profile.email).toBeNull();
      expect(profile.emailVerified).toBe(false);
      expect(profileFromClaims({ sub: "s", upn: email }, { trust: "org", emailClaim: "upn" }).emailVerified).toBe(false);
    },
  );

  it.each([
    ["abc-123", "abc-123"],
    [123456, "123456"],
  ])("keeps the subject %j as %j", (sub, expected) => {
    expect(profileFromClaims({ sub }, { trust: "email_verified" }).subject).toBe(expected);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ name: "Ada Lovelace", given_name: "Augusta", family_name: "King", preferred_username: "ada", email: "x@acme.com" }, "Ada Lovelace"],
    [{ given_name: "Augusta", family_name: "King", preferred_username: "ada", email: "x@acme.com" },                     "Augusta King"],
    [{ given_name: "Augusta", preferred_username: "ada" },                                                                "Augusta"],
    [{ family_name: "King", preferred_username: "ada" },                                                                  "King"],
    [{ name: "   ", given_name: "Augusta" },                                                                              "Augusta"],
    [{ name: 42, preferred_username: "ada" },                                                                             "ada"],
    [{ preferred_username: "ada.l", email: "x@acme.com" },                                                                "ada.l"],
    [{ email: "Ada.Lovelace@ACME.com" },                                                                                  "ada.lovelace"],
    [{ name: "\n\t", preferred_username: "\u0000", email: "ada@acme.com" },                                               "ada"],
    [{ email: "not-an-email" },                                                                                           "SSO user"],
    [{},                                                                                                                  "SSO user"],
    [{ name: "Ada\u0007 Love\r\nlace\u007f" },                                                                            "Ada Lovelace"],
    [{ name: "\u001b[31mAda\u001b[0m" },                                                                                  "[31mAda[0m"],
    [{ name: "  Ada Lovelace  " },                                                                                        "Ada Lovelace"],
  ])("names %j %j", (claims, name) => {
    expect(profileFromClaims({ sub: "s", ...claims }, { trust: "email_verified" }).name).toBe(name);
  });

  it("caps the name at 100 characters", () => {
    expect(profileFromClaims({ sub: "s", name: "x".repeat(150) }, { trust: "email_verified" }).name).toBe("x".repeat(100));
    expect(profileFromClaims({ sub: "s", name: "y".repeat(100) }, { trust: "email_verified" }).name).toBe("y".repeat(100));
  });

  describe("groups", () => {
    const groups = (claims: Record<string, unknown>, groupsClaim?: string | null) => profileFromClaims({ sub: "s", ...claims }, { trust: "org", groupsClaim }).groups;

    it("are null when no groups claim is set, whatever the claims say", () => {
      expect(groups({ groups: ["admins"] })).toBeNull();
      expect(groups({ groups: ["admins"] }, null)).toBeNull();
      expect(groups({ groups: ["admins"] }, "")).toBeNull();
    });

    it.each<[unknown, string[] | null]>([
      ["admins", ["admins"]],
      [["admins", "devs"], ["admins", "devs"]],
      [["admins", 7, null, { name: "x" }, ["nested"], "devs"], ["admins", "devs"]],
      [["", "   ", "a\u0000b", " ops "], ["ab", "ops"]],
      [[], []],
      [undefined, null],
      [42, null],
      [{ admins: true }, null],
      [true, null],
    ])("read %j as %j", (value, expected) => {
      expect(groups({ roles: value }, "roles")).toEqual(expected);
    });

    it("read the named claim only", () => {
      expect(groups({ groups: ["admins"], roles: ["devs"] }, "roles")).toEqual(["devs"]);
      expect(groups({ groups: ["admins"] }, "roles")).toBeNull();
    });

    it("keep at most 100 groups of at most 200 characters", () => {
      const many = Array.from({ length: 150 }, (_, i) => `g${i}`);
      expect(groups({ groups: many }, "groups")).toEqual(many.slice(0, 100));
      expect(groups({ groups: ["x".repeat(300), "y".repeat(200)] }, "groups")).toEqual(["x".repeat(200), "y".repeat(200)]);
    });
  });
});

describe("githubProfile", () => {
  const octocat = { id: 583231, login: "octocat", name: "The Octocat" };

  it("takes the primary address, verified when GitHub says so", () => {
    const emails: GithubEmail[] = [
      { email: "other@acme.com", primary: false, verified: true },
      { email: "Octo@GitHub.com", primary: true, verified: true },
    ];
    expect(githubProfile(octocat, emails)).toEqual({ subject: "583231", email: "octo@github.com", emailVerified: true, name: "The Octocat", groups: null });
  });

  it("does not vouch for an unverified primary address, even when another address is verified", () => {
    const emails: GithubEmail[] = [
      { email: "verified@acme.com", primary: false, verified: true },
      { email: "octo@github.com", primary: true, verified: false },
    ];
    expect(githubProfile(octocat, emails)).toEqual({ subject: "583231", email: "octo@github.com", emailVerified: false, name: "The Octocat", groups: null });
  });

  it.each<[GithubEmail[]]>([[[]], [[{ email: "verified@acme.com", primary: false, verified: true }]]])("has no address without a primary one: %j", (emails) => {
    const profile = githubProfile(octocat, emails);
    expect(profile.email).toBeNull();
    expect(profile.emailVerified).toBe(false);
  });

  it("has no address when the primary one is not valid", () => {
    const profile = githubProfile(octocat, [{ email: "octocat@localhost", primary: true, verified: true }]);
    expect(profile.email).toBeNull();
    expect(profile.emailVerified).toBe(false);
  });

  it.each([
    [{ id: 1, login: "octocat", name: "The Octocat" }, "The Octocat"],
    [{ id: 1, login: "octocat", name: null }, "octocat"],
    [{ id: 1, login: "octocat", name: "" }, "octocat"],
    [{ id: 1, login: "octocat" }, "octocat"],
    [{ id: 1, login: "octocat", name: "Octo\u0000\ncat" }, "Octocat"],
  ])("names %j %j", (user, name) => {
    expect(githubProfile(user, [])).toEqual({ subject: "1", email: null, emailVerified: false, name, groups: null });
  });
});

describe("instance providers", () => {
  const VARS = ["GITHUB", "GITLAB", "GOOGLE", "MICROSOFT_ENTRA_ID"].flatMap((x) => ["ID", "SECRET", "ISSUER"].map((s) => `AUTH_${x}_${s}`));
  let saved: Record<string, string | undefined>;

  beforeEach(() => {
    saved = Object.fromEntries(VARS.map((name) => [name, process.env[name]]));
    for (const name of VARS) delete process.env[name];
  });
  afterEach(() => {
    for (const name of VARS) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const setEnv = (vars: Record<string, string>) => Object.assign(process.env, vars);
  const ENTRA_ISSUER = "https://login.microsoftonline.com/3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f/v2.0";

  it("offers none when nothing is configured", () => {
    for (const id of ["github", "gitlab", "google", "microsoft-entra-id"]) expect(instanceProvider(id), id).toBeNull();
    expect(configuredProviders()).toEqual([]);
  });

  it("reads GitHub: plain OAuth, no issuer, GitHub's own email trust", () => {
    setEnv({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret", AUTH_GITHUB_ISSUER: "https://github.example" });
    expect(instanceProvider("github")).toEqual({ id: "github", name: "GitHub", clientId: "gh-id", clientSecret: "gh-secret", issuer: null, emailTrust: "github" });
  });

  it("reads GitLab, on gitlab.com unless AUTH_GITLAB_ISSUER says otherwise", () => {
    setEnv({ AUTH_GITLAB_ID: "gl-id", AUTH_GITLAB_SECRET: "gl-secret" });
    expect(instanceProvider("gitlab")).toEqual({
      id: "gitlab",
      name: "GitLab",
      clientId: "gl-id",
      clientSecret: "gl-secret",
      issuer: "https://gitlab.com",
      emailTrust: "email_verified",
    });
    setEnv({ AUTH_GITLAB_ISSUER: "https://gitlab.acme.com" });
    expect(instanceProvider("gitlab")?.issuer).toBe("https://gitlab.acme.com");
  });

  it("reads Google, always at accounts.google.com", () => {
    setEnv({ AUTH_GOOGLE_ID: "g-id", AUTH_GOOGLE_SECRET: "g-secret", AUTH_GOOGLE_ISSUER: "https://evil.test" });
    expect(instanceProvider("google")).toEqual({
      id: "google",
      name: "Google",
      clientId: "g-id",
      clientSecret: "g-secret",
      issuer: "https://accounts.google.com",
      emailTrust: "email_verified",
    });
  });

  it("reads Microsoft Entra ID only with its tenant's issuer", () => {
    setEnv({ AUTH_MICROSOFT_ENTRA_ID_ID: "ms-id", AUTH_MICROSOFT_ENTRA_ID_SECRET: "ms-secret" });
    expect(instanceProvider("microsoft-entra-id")).toBeNull();
    setEnv({ AUTH_MICROSOFT_ENTRA_ID_ISSUER: ENTRA_ISSUER });
    expect(instanceProvider("microsoft-entra-id")).toEqual({
      id: "microsoft-entra-id",
      name: "Microsoft Entra ID",
      clientId: "ms-id",
      clientSecret: "ms-secret",
      issuer: ENTRA_ISSUER,
      emailTrust: "entra",
    });
  });

  it.each([
    ["GITHUB", "github"],
    ["GITLAB", "gitlab"],
    ["GOOGLE", "google"],
    ["MICROSOFT_ENTRA_ID", "microsoft-entra-id"],
  ])("needs both AUTH_%s_ID and its secret, neither blank", (x, id) => {
    setEnv({ AUTH_MICROSOFT_ENTRA_ID_ISSUER: ENTRA_ISSUER });
    setEnv({ [`AUTH_${x}_ID`]: "the-id" });
    expect(instanceProvider(id)).toBeNull();
    setEnv({ [`AUTH_${x}_SECRET`]: "" });
    expect(instanceProvider(id)).toBeNull();
    setEnv({ [`AUTH_${x}_SECRET`]: "the-secret" });
    expect(instanceProvider(id)).toMatchObject({ id, clientId: "the-id", clientSecret: "the-secret" });
    delete process.env[`AUTH_${x}_ID`];
    expect(instanceProvider(id)).toBeNull();
    setEnv({ [`AUTH_${x}_ID`]: "" });
    expect(instanceProvider(id)).toBeNull();
  });

  it.each(["facebook", "GitHub", "GITHUB", "", "org-3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f", "__proto__", "constructor", "github "])(
    "knows no provider %j",
    (id) => {
      setEnv({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" });
      expect(instanceProvider(id)).toBeNull();
    },
  );

  it("lists the configured providers in a stable order", () => {
    setEnv({ AUTH_MICROSOFT_ENTRA_ID_ID: "ms-id", AUTH_MICROSOFT_ENTRA_ID_SECRET: "ms-secret", AUTH_MICROSOFT_ENTRA_ID_ISSUER: ENTRA_ISSUER });
    setEnv({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" });
    setEnv({ AUTH_GOOGLE_ID: "g-id" }); // no secret: not offered
    expect(configuredProviders().map((p) => p.id)).toEqual(["github", "microsoft-entra-id"]);
    setEnv({ AUTH_GOOGLE_SECRET: "g-secret", AUTH_GITLAB_ID: "gl-id", AUTH_GITLAB_SECRET: "gl-secret" });
    expect(configuredProviders().map((p) => p.id)).toEqual(["github", "gitlab", "google", "microsoft-entra-id"]);
  });
});

describe("organization provider keys", () => {
  const ORG = "3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f";

  it("round-trips an organization id", () => {
    expect(orgProviderKey(ORG)).toBe("org-3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f");
    expect(orgIdOfProviderKey(orgProviderKey(ORG))).toBe(ORG);
    expect(orgIdOfProviderKey("org-00000000-0000-0000-0000-000000000000")).toBe("00000000-0000-0000-0000-000000000000");
  });

  it.each([
    "org-notauuid",
    "github",
    "google",
    "org-",
    "org",
    "",
    `${ORG}`,
    `org-${ORG.toUpperCase()}`,
    `org-${ORG}x`,
    `org-${ORG.slice(0, -1)}`,
    `org-org-${ORG}`,
    ` org-${ORG}`,
    `ORG-${ORG}`,
    // 36 characters from [0-9a-f-] that are no UUID: the id would reach a uuid column and make
    // Postgres fail (a 500) instead of "not set up".
    `org-${"-".repeat(36)}`,
    `org-${"0".repeat(36)}`,
    `org-3f0c9a4e6b1d4c2a9e8f0a1b2c3d4e5f----`,
  ])("finds no organization id in %j", (key) => {
    expect(orgIdOfProviderKey(key)).toBeNull();
  });
});

describe("ssoMethodsOf", () => {
  const ORG = "3f0c9a4e-6b1d-4c2a-9e8f-0a1b2c3d4e5f";

  it.each<[{ providers: string[]; oidcIssuer: string | null } | null, string[]]>([
    [null, []],
    [{ providers: [], oidcIssuer: null }, []],
    [{ providers: ["github", "google"], oidcIssuer: null }, ["github", "google"]],
    [{ providers: [], oidcIssuer: "https://idp.acme.com" }, [`org-${ORG}`]],
    [{ providers: ["google"], oidcIssuer: "https://idp.acme.com" }, ["google", `org-${ORG}`]],
    [{ providers: ["google"], oidcIssuer: "" }, ["google"]],
  ])("%j → %j", (settings, expected) => {
    expect(ssoMethodsOf(ORG, settings)).toEqual(expected);
  });
});
