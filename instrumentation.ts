/** Runs once per server process, before it serves anything. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/server-start");
}
