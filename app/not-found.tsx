import Link from "next/link";
import { SearchX } from "lucide-react";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-4 text-center">
      <SearchX className="size-10 text-slate-400" aria-hidden="true" />
      <h1 className="mt-4 text-xl font-semibold text-slate-900">Nothing here</h1>
      <p className="mt-2 text-sm text-slate-600">The page does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
        Go to your organizations
      </Link>
    </main>
  );
}
