import dns2 from "dns2";

const { Packet } = dns2;

/**
 * A real DNS server on loopback (dns2's UDP server) holding TXT records the test sets; every other
 * name is NXDOMAIN. Points ATRIUM_DNS_SERVERS at itself while it runs.
 */
export async function startDnsServer() {
  const txt = new Map<string, string[]>();
  let failing = false;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question?.name.toLowerCase() ?? "";
      if (failing) response.header.rcode = 2; // SERVFAIL
      else if (!txt.has(name)) response.header.rcode = 3; // NXDOMAIN
      else if (question.type === Packet.TYPE.TXT) {
        for (const data of txt.get(name)!) response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data } as (typeof response.answers)[number]);
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const previous = process.env.ATRIUM_DNS_SERVERS;
  process.env.ATRIUM_DNS_SERVERS = `127.0.0.1:${addresses.udp!.port}`;
  return {
    /** Publishes (or with no values, removes) the TXT records of a name. */
    setTxt(name: string, ...values: string[]) {
      if (values.length) txt.set(name.toLowerCase(), values);
      else txt.delete(name.toLowerCase());
    },
    /** Answers every query with SERVFAIL, as a broken resolver would. */
    fail(on = true) {
      failing = on;
    },
    async close() {
      if (previous === undefined) delete process.env.ATRIUM_DNS_SERVERS;
      else process.env.ATRIUM_DNS_SERVERS = previous;
      await server.close();
    },
  };
}
