import { cookies } from "next/headers";

/**
 * "Say it happened" after a redirect: a server action that ends on another page leaves one message
 * in a short-lived cookie, and that page shows it once (<FlashNotice>, which clears it). Not HTTP-only:
 * the notice clears it in the browser; it holds no secret, only words the server wrote.
 */
const FLASH_COOKIE = "atrium_flash";

export async function flash(message: string) {
  (await cookies()).set(FLASH_COOKIE, encodeURIComponent(message.slice(0, 300)), { sameSite: "lax", path: "/", maxAge: 60 });
}

export async function readFlash(): Promise<string | null> {
  const value = (await cookies()).get(FLASH_COOKIE)?.value;
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export { FLASH_COOKIE };

const withArticle = (role: string) => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;

/** "You joined Acme ML as a member." */
export const joinedMessage = (orgName: string, role: string) => `You joined ${orgName} as ${withArticle(role)}.`;
