import { INSTANCE_PROVIDER_NAMES, orgIdOfProviderKey } from "@/lib/sso/providers";

/** A session's sign-in method as a person reads it: "Password", "SSO · GitHub", "SSO · this organization". */
export function signInMethodName(method: string, orgId: string): string {
  if (method === "password") return "Password";
  const providerOrg = orgIdOfProviderKey(method);
  if (providerOrg) return providerOrg === orgId ? "SSO · this organization" : "SSO · another organization";
  const name = (INSTANCE_PROVIDER_NAMES as Record<string, string>)[method];
  return name ? `SSO · ${name}` : "Single sign-on";
}
