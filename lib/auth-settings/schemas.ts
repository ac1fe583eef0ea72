import { z } from "zod";
import { INSTANCE_PROVIDER_IDS } from "@/lib/sso/providers";
import { displayDomain, normalizeDomain, refusalOf, type DomainRefusal } from "@/lib/domains/names";

export const MAX_DOMAINS = 20;

/** Named back in an error only when it is plain text; markup is never echoed (DESIGN §7). */
const quoted = (raw: string, index: number) => (/^[^<>&"'\s]{1,100}$/.test(raw) ? raw : `#${index + 1}`);

const REFUSED: Record<Exclude<DomainRefusal, "invalid">, (list: string, one: boolean) => string> = {
  public_suffix: (list, one) => `${list} ${one ? "is a public suffix" : "are public suffixes"}: anyone can register names under ${one ? "it" : "them"}. List your organization's own domain.`,
  free_mail: (list, one) => `${list} ${one ? "is a public mail service" : "are public mail services"}: anyone can have an address there. List your organization's own domains.`,
  confusable: (list, one) => `${list} ${one ? "mixes" : "mix"} scripts or ${one ? "imitates" : "imitate"} another name. List domains exactly as they are registered.`,
};

/** Domains as typed (one string separated by spaces, commas or new lines) or as a list; normalized and deduplicated. */
export const domainsInput = z
  .union([z.string().max(20_000, "That is too long a list."), z.array(z.string().max(300, "That domain is too long.")).max(200, "That is too many domains.")], "List the email domains.")
  .transform((value, ctx) => {
    const raw = (Array.isArray(value) ? value : value.split(/[\s,;]+/)).map((s) => s.trim()).filter(Boolean);
    const domains: string[] = [];
    const invalid: string[] = [];
    const refused = new Map<keyof typeof REFUSED, string[]>();
    raw.forEach((entry, i) => {
      const domain = normalizeDomain(entry);
      const refusal = domain && refusalOf(domain);
      if (!domain) invalid.push(quoted(entry, i));
      else if (refusal && refusal !== "invalid") {
        const list = refused.get(refusal) ?? [];
        if (!list.includes(domain)) refused.set(refusal, [...list, domain]);
      } else if (!domains.includes(domain)) domains.push(domain);
    });
    const [firstRefusal] = refused;
    if (invalid.length) ctx.addIssue({ code: "custom", message: `Not a domain name: ${invalid.slice(0, 5).join(", ")}. Enter names like example.com.` });
    else if (firstRefusal) {
      const [reason, list] = firstRefusal;
      ctx.addIssue({ code: "custom", message: REFUSED[reason](list.map(displayDomain).join(", "), list.length === 1) });
    } else if (domains.length > MAX_DOMAINS) ctx.addIssue({ code: "custom", message: `List at most ${MAX_DOMAINS} domains.` });
    return domains;
  });

const claimName = z
  .string()
  .trim()
  .max(100, "Keep the claim name under 100 characters.")
  .regex(/^[A-Za-z0-9_.:/-]*$/, "Use letters, digits and _ . : / - only.");

export const oidcInput = z.object({
  issuer: z
    .string("Enter the issuer URL.")
    .trim()
    .min(1, "Enter the issuer URL.")
    .max(500, "Keep the issuer URL under 500 characters.")
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), "Enter the issuer's full URL, starting with https://."),
  clientId: z.string("Enter the client ID.").trim().min(1, "Enter the client ID.").max(255, "Keep the client ID under 255 characters."),
  /** Write-only. Left out or blank: keep the saved secret (only while the issuer and client ID stay the same). */
  clientSecret: z
    .string()
    .max(2000, "That client secret is too long.")
    .optional()
    .transform((s) => s?.trim() || undefined),
  displayName: z.string().trim().max(60, "Keep the name under 60 characters.").default(""),
  emailClaim: claimName.default("email").transform((c) => c || "email"),
  groupsClaim: claimName
    .nullable()
    .optional()
    .transform((c) => c || null),
});

const flag = (what: string) => z.boolean(`Say true or false for ${what}.`);

/** PUT /api/v1/orgs/{slug}/auth-settings and the auth settings form: the whole settings, every key required. */
export const authSettingsInput = z.object({
  providers: z
    .array(z.enum(INSTANCE_PROVIDER_IDS, "Unknown sign-in provider."), "List the instance sign-in providers to accept.")
    .max(INSTANCE_PROVIDER_IDS.length * 2)
    .transform((ids) => [...new Set(ids)]),
  domains: domainsInput,
  openJoin: flag("open join"),
  defaultRole: z.enum(["member", "viewer"], "Choose member or viewer as the role for people who join."),
  requireSso: flag("require SSO"),
  oidc: oidcInput.nullable(),
});
export type AuthSettingsInput = z.input<typeof authSettingsInput>;

type FormReader = { get(name: string): unknown };
const text = (form: FormReader, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The auth settings form's fields (a checkbox "providers.<id>" per provider) as authSettingsInput's JSON shape. */
export function authSettingsFromForm(form: FormReader): AuthSettingsInput {
  return {
    providers: INSTANCE_PROVIDER_IDS.filter((id) => text(form, `providers.${id}`) === "on"),
    domains: text(form, "domains"),
    openJoin: text(form, "openJoin") === "on",
    defaultRole: text(form, "defaultRole") as "member",
    requireSso: text(form, "requireSso") === "on",
    oidc:
      text(form, "oidcEnabled") === "on"
        ? {
            issuer: text(form, "oidc.issuer"),
            clientId: text(form, "oidc.clientId"),
            clientSecret: text(form, "oidc.clientSecret"),
            displayName: text(form, "oidc.displayName"),
            emailClaim: text(form, "oidc.emailClaim"),
            groupsClaim: text(form, "oidc.groupsClaim"),
          }
        : null,
  };
}
