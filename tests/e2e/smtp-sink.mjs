// A real SMTP server for the end-to-end suite (STACK.md, trap 12): accepts every message on loopback,
// keeps it in memory, and serves what arrived over HTTP so tests can read the links in it.
//
//   node tests/e2e/smtp-sink.mjs [smtpPort=2525] [httpPort=2526]
//
//   GET    http://localhost:<httpPort>/health            → 200 "ok" (Playwright's webServer waits for it)
//   GET    http://localhost:<httpPort>/messages?to=<addr> → [{ to, subject, text, receivedAt }], newest first
//   DELETE http://localhost:<httpPort>/messages           → forgets everything
//
// Only the text/plain part is kept, decoded (quoted-printable or base64), and the subject is decoded
// from RFC 2047 encoded words, so tests read exactly what a person would.
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.argv[2] ?? process.env.E2E_SMTP_PORT ?? 2525);
const httpPort = Number(process.argv[3] ?? process.env.E2E_SMTP_HTTP_PORT ?? 2526);
const MAX_MESSAGES = 1_000;

/** @type {{ to: string[]; subject: string; text: string; receivedAt: string }[]} */
const messages = [];

// ---- MIME, just enough for what nodemailer sends ------------------------------------------------

/** Splits a raw message (or part) into lower-cased, unfolded headers and the body. */
function splitMessage(raw) {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : "";
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

const param = (header, name) => new RegExp(`;\\s*${name}="?([^";]+)"?`, "i").exec(header ?? "")?.[1];

/** Quoted-printable: soft line breaks (`=\r\n`) vanish, `=XX` is a byte; bytes are read as UTF-8 (or the charset). */
function decodeQuotedPrintable(text, charset = "utf-8") {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? joined.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return new TextDecoder(charset).decode(Uint8Array.from(bytes));
}

function decodeBody(body, headers) {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const charset = param(headers["content-type"], "charset") ?? "utf-8";
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body, charset);
  if (encoding === "base64") return new TextDecoder(charset).decode(Buffer.from(body.replace(/\s+/g, ""), "base64"));
  return body;
}

/** The text/plain content of a message: the first text/plain part of any multipart nesting. */
function plainText(raw) {
  const { headers, body } = splitMessage(raw);
  const type = (headers["content-type"] ?? "text/plain").toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = param(headers["content-type"], "boundary");
    if (!boundary) return null;
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith("--")) break; // the closing delimiter
      const text = plainText(part.replace(/^\r?\n/, ""));
      if (text !== null) return text;
    }
    return null;
  }
  if (!type.startsWith("text/plain")) return null;
  return decodeBody(body.replace(/\r?\n$/, ""), headers).replace(/\r\n/g, "\n");
}

/** RFC 2047 encoded words (`=?utf-8?Q?…?=`, `=?utf-8?B?…?=`), as nodemailer writes non-ASCII subjects. */
function decodeHeader(value = "") {
  return value
    .replace(/\?=\s+=\?/g, "?==?") // whitespace between adjacent encoded words is not part of the text
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset, kind, data) =>
      kind.toUpperCase() === "B"
        ? new TextDecoder(charset).decode(Buffer.from(data, "base64"))
        : decodeQuotedPrintable(data.replace(/_/g, " "), charset),
    );
}

// ---- SMTP ---------------------------------------------------------------------------------------

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  banner: "Atrium e2e SMTP sink",
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("error", callback);
    stream.on("end", () => {
      try {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { headers } = splitMessage(raw);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const text = plainText(raw) ?? "";
        messages.unshift({ to, subject: decodeHeader(headers.subject), text, receivedAt: new Date().toISOString() });
        messages.splice(MAX_MESSAGES);
        callback();
      } catch (error) {
        callback(error);
      }
    });
  },
});
smtp.on("error", (error) => console.error("smtp sink:", error.message));

// ---- HTTP ---------------------------------------------------------------------------------------

function handle(req, res) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const send = (status, body) => {
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", "cache-control": "no-store" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  if (url.pathname === "/health") return send(200, "ok");
  if (url.pathname === "/messages" && req.method === "GET") {
    const to = url.searchParams.get("to")?.toLowerCase();
    return send(200, (to ? messages.filter((m) => m.to.includes(to)) : messages).map((m) => ({ ...m, to: m.to.join(", ") })));
  }
  if (url.pathname === "/messages" && req.method === "DELETE") {
    messages.length = 0;
    return send(200, []);
  }
  send(404, "not found");
}

const listen = (server, port, host) =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });

const servers = [await listen(smtp, smtpPort, "127.0.0.1"), await listen(createServer(handle), httpPort, "127.0.0.1")];
// "localhost" may resolve to ::1 first on some machines: answer there too when IPv6 is available.
await listen(createServer(handle), httpPort, "::1").then((s) => servers.push(s), () => {});
console.log(`smtp sink: SMTP on 127.0.0.1:${smtpPort}, messages on http://localhost:${httpPort}/messages`);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    for (const server of servers) server.close();
    process.exit(0);
  });
}
