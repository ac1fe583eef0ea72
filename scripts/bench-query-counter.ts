/**
 * A TCP proxy in front of PostgreSQL that counts the statements its clients run, so the benchmark
 * can report how many queries one request makes without touching the server's configuration.
 *
 * It reads only the client's side of the wire protocol: every Execute message (extended protocol,
 * how postgres.js sends each query) and every Query message (simple protocol) is one statement.
 * Not for load: every byte passes through this process.
 */
import net from "node:net";

export type QueryCounter = { url: string; statements: () => number; close: () => Promise<void> };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const EXECUTE = 0x45; // 'E'
const QUERY = 0x51; // 'Q'

/** Starts the proxy on a free loopback port; `url` is `databaseUrl` pointed at it. */
export async function startQueryCounter(databaseUrl: string): Promise<QueryCounter> {
  const upstream = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let statements = 0;

  const server = net.createServer((client) => {
    const db = net.connect(Number(upstream.port || 5432), upstream.hostname);
    for (const socket of [client, db]) {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        db.destroy();
      });
    }
    client.pipe(db);
    db.pipe(client);

    // Messages are a type byte and a length, except the startup packet (and the SSL or GSS
    // encryption request that may come before it), which has no type byte.
    let startup = true;
    let pending: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const typed = startup ? 0 : 1;
        if (pending.length < typed + 4) break;
        const size = typed + pending.readUInt32BE(typed);
        if (pending.length < size) break;
        if (startup) startup = [SSL_REQUEST, GSSENC_REQUEST].includes(pending.readUInt32BE(4));
        else if (pending[0] === EXECUTE || pending[0] === QUERY) statements++;
        pending = pending.subarray(size);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    statements: () => statements,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
