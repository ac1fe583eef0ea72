import Link from "next/link";

export function Wordmark() {
  return (
    <Link
      href="/"
      className="inline-flex shrink-0 items-center gap-2 rounded-md text-base font-semibold tracking-tight text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2"
    >
      <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
        A
      </span>
      Atrium
    </Link>
  );
}
