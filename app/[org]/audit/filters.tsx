import Link from "next/link";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";

/** A GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ actions, action, actorId, clearHref }: { actions: Record<string, string>; action: string; actorId?: string; clearHref: string | null }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="space-y-1.5">
        <label htmlFor="action" className="block text-sm font-medium text-slate-900">
          Action
        </label>
        <select id="action" name="action" defaultValue={action} className={fieldControlStyles({})}>
          <option value="">All actions</option>
          {Object.keys(actions).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      {actorId && <input type="hidden" name="actor" value={actorId} />}
      <button type="submit" className={buttonStyles({ variant: "secondary" })}>
        Filter
      </button>
      {clearHref && (
        <Link href={clearHref} className={buttonStyles({ variant: "ghost" })}>
          Clear filters
        </Link>
      )}
    </form>
  );
}
