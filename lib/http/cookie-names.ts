/**
 * A cookie's name as served: over https it gets the `__Host-` prefix, which browsers accept only
 * with Secure, Path=/ and no Domain, so no subdomain or plain-http page can plant or shadow it.
 */
export const cookieName = (name: string) => ((process.env.APP_URL ?? "").startsWith("https://") ? `__Host-${name}` : name);
