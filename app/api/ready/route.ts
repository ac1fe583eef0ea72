import { notReadyReason } from "@/lib/health/ready";

// Readiness for a load balancer: 200 when this instance can serve, 503 (with the reason) when not.
// /api/health stays the liveness probe and the framework ceiling: it touches nothing.
export async function GET() {
  const reason = await notReadyReason();
  return Response.json(reason ? { ready: false, reason } : { ready: true }, { status: reason ? 503 : 200, headers: { "cache-control": "no-store" } });
}
