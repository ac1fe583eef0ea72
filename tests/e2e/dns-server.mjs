// The end-to-end suite's DNS server (dns2 on loopback UDP), holding the TXT records a spec publishes
// through its HTTP side: POST /__test/txt {"name", "values": [...]}; GET /health.
import http from "node:http";
import dns2 from "dns2";

const [dnsPort, httpPort] = process.argv.slice(2).map(Number);
const { Packet } = dns2;
const txt = new Map();

const server = dns2.createServer({
  udp: true,
  handle: (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const [question] = request.questions;
    const values = question && txt.get(question.name.toLowerCase());
    if (!values) response.header.rcode = 3; // NXDOMAIN
    else if (question.type === Packet.TYPE.TXT) for (const data of values) response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data });
    send(response);
  },
});
await server.listen({ udp: { port: dnsPort, address: "127.0.0.1" } });

http
  .createServer((req, res) => {
    if (req.url === "/health") return res.end("ok");
    if (req.method === "POST" && req.url === "/__test/txt") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const { name, values } = JSON.parse(body);
        txt.set(String(name).toLowerCase(), values);
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(404).end();
  })
  .listen(httpPort, "127.0.0.1");
