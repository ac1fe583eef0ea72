import http from "node:http";

/**
 * Next.js fills X-Forwarded-For from the socket only when the request has none, so a client could
 * write its own. This appends the connecting peer's address to every incoming request, as a proxy
 * does, before Next.js sees it; clientIp() then counts trusted hops from the right.
 */
export function appendPeerAddress() {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const peer = req.socket?.remoteAddress;
      const sent = req.headers["x-forwarded-for"];
      if (peer) req.headers["x-forwarded-for"] = sent ? `${Array.isArray(sent) ? sent.join(", ") : sent}, ${peer}` : peer;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
