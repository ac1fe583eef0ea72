const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 60 * 60],
  ["month", 30 * 24 * 60 * 60],
  ["week", 7 * 24 * 60 * 60],
  ["day", 24 * 60 * 60],
  ["hour", 60 * 60],
  ["minute", 60],
  ["second", 1],
];

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const fullFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "long", timeZone: "UTC" });

function formatRelative(date: Date, now: number) {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ["second", 1];
  return relativeFormat.format(Math.round(seconds / size), unit);
}

/** Server component: computed once at render, so there is nothing to hydrate. */
export function RelativeTime({ date }: { date: Date | string }) {
  const value = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={value.toISOString()} title={fullFormat.format(value)}>
      {formatRelative(value, Date.now())}
    </time>
  );
}
