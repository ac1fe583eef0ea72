import { orgRoute } from "@/lib/http/api";
import { storageBreakdown } from "@/lib/storage/breakdown";

export const GET = orgRoute(({ actor }) => storageBreakdown(actor));
