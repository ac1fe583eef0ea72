/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), so a collector can read
 * them as they are. `event` names what happened (`mail.sent`); the rest are plain fields. Errors are
 * reduced to their message and stack.
 */
type Level = "info" | "warn" | "error";
type Fields = Record<string, unknown>;

function write(level: Level, event: string, fields: Fields = {}) {
  // Test runs print only what went wrong.
  if (level === "info" && process.env.NODE_ENV === "test") return;
  const entry: Fields = { time: new Date().toISOString(), level, event };
  for (const [key, value] of Object.entries(fields)) {
    entry[key] = value instanceof Error ? { message: value.message, stack: value.stack } : value;
  }
  (level === "error" ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  info: (event: string, fields?: Fields) => write("info", event, fields),
  warn: (event: string, fields?: Fields) => write("warn", event, fields),
  error: (event: string, fields?: Fields) => write("error", event, fields),
};
