import { requireViewer } from "@/lib/auth/context";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(async ({ actor }) => {
  const { id, name, email, emailVerified } = requireViewer(actor);
  return { id, name, email, emailVerified };
});
