import { Notice } from "@/components/ui/notice";
import { FLASH_COOKIE, readFlash } from "@/lib/flash";

/** Shows the message a server action left for this page, once. */
export async function FlashNotice() {
  const message = await readFlash();
  return message ? <Notice message={message} cookieName={FLASH_COOKIE} /> : null;
}
