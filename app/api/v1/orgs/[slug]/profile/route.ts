import { orgRoute } from "@/lib/http/api";
import { getPublicProfile } from "@/lib/projects/profile";

export const GET = orgRoute(({ actor }) => getPublicProfile(actor));
