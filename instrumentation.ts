import type { Instrumentation } from "next";

/** Runs once per server process, before it serves anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/server-start");
}

/** Every error a request ends in, as one JSON log line carrying the request's id. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log");
  const header = request.headers["x-request-id"];
  log.error("request.failed", {
    requestId: Array.isArray(header) ? header[0] : (header ?? null),
    method: request.method,
    path: request.path,
    route: context.routePath,
    error: error instanceof Error ? error : String(error),
  });
};
