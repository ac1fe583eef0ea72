import { Search } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";

/** What a lookup found: the version then (null: the pointer did not exist then), or why it could not say. */
export type AtAnswer = { pointer: string; at: string; version: number | null } | { error: string };

type AtLookupProps = {
  names: string[];
  prefix: string;
  /** The form's current values (from the URL), and its answer when it was sent. */
  pointer: string;
  at: string;
  answer: AtAnswer | null;
};

/** A GET form: "what did @production point to at this time?", answered from the append-only history. */
export function AtLookup({ names, prefix, pointer, at, answer }: AtLookupProps) {
  const noun = prefix === "@" ? "Alias" : "Tag";
  return (
    <div className="space-y-3">
      <form method="get" role="search" aria-label={`${noun} at a time`} className="flex flex-wrap items-end gap-3">
        <div className="w-full space-y-1.5 sm:w-48">
          <label htmlFor="lookup-pointer" className="block text-sm font-medium text-slate-900">
            {noun}
          </label>
          <select id="lookup-pointer" name="pointer" defaultValue={pointer} className={fieldControlStyles({})}>
            {names.map((n) => (
              <option key={n} value={n}>{`${prefix}${n}`}</option>
            ))}
          </select>
        </div>
        <div className="w-full space-y-1.5 sm:w-60">
          <label htmlFor="lookup-at" className="block text-sm font-medium text-slate-900">
            Time (UTC)
          </label>
          <input id="lookup-at" name="at" type="datetime-local" step={1} required defaultValue={at} className={fieldControlStyles({})} />
        </div>
        <button type="submit" className={buttonStyles({ variant: "secondary" })}>
          <Search className="size-4" aria-hidden="true" />
          Look up
        </button>
      </form>
      {answer && (
        <p role="status" className={`rounded-md border p-3 text-sm ${"error" in answer ? "border-red-200 bg-red-50 text-red-800" : "border-indigo-200 bg-indigo-50 text-indigo-900"}`}>
          {"error" in answer
            ? answer.error
            : answer.version === null
              ? `${prefix}${answer.pointer} did not point to any version at ${answer.at} UTC.`
              : `At ${answer.at} UTC, ${prefix}${answer.pointer} pointed to version ${answer.version}.`}
        </p>
      )}
    </div>
  );
}

/** A datetime-local value (UTC, to the second) as the ISO time the API takes, or null when it is not one. */
export function isoFromLocal(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(value);
  return m ? `${m[1]}${m[2] ?? ":00"}Z` : null;
}

/** Now, as a datetime-local value in UTC. */
export const localNow = () => new Date().toISOString().slice(0, 19);
