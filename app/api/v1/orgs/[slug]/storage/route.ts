import { setStorageTier, storageUsage } from "@/lib/storage/service";
import { orgRoute } from "@/lib/http/api";

export const GET = orgRoute(({ actor }) => storageUsage(actor));
export const PATCH = orgRoute(async ({ actor, body }) => setStorageTier(actor, await body()));
