/**
 * Downloads built row by row: a pull-based stream asks the source for its next row only when the
 * client has taken the previous ones, so a year of audit events or 50,000 members leave the server
 * without ever being in memory at once.
 */

/** One CSV field (RFC 4180), with formula-looking values defused for spreadsheets (OWASP CSV injection). */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: unknown[]) => `${values.map(csvField).join(",")}\r\n`;

/** A download response whose body is `header` then one `line(row)` per row of `rows`. */
export function streamDownload<T>(rows: AsyncIterable<T>, { filename, contentType, header = "", line }: { filename: string; contentType: string; header?: string; line: (row: T) => string }) {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && header) controller.enqueue(encoder.encode(header));
      started = true;
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(line(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
