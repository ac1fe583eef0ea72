import Link from "next/link";
import { Filter } from "lucide-react";
import { buttonStyles } from "@/components/ui/button";
import { fieldControlStyles } from "@/components/ui/field";
import type { AuditFilters as Filters } from "@/lib/audit/list";

type AuditFiltersProps = {
  /** The actions and actors that appear in this organization's trail, with their readable names. */
  actions: { value: string; label: string }[];
  actors: { id: string; name: string }[];
  values: Filters;
  /** The error of a refused filter, shown next to it. */
  errors: Partial<Record<keyof Filters, string>>;
  clearHref: string | null;
};

function Labelled({ id, label, error, children, className }: { id: string; label: string; error?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={`min-w-0 space-y-1.5 ${className ?? ""}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** A GET form: filters live in the URL, so a filtered view can be bookmarked, shared and exported. */
export function AuditFilters({ actions, actors, values, errors, clearHref }: AuditFiltersProps) {
  const invalid = (key: keyof Filters) => (errors[key] ? { "aria-invalid": true as const, "aria-describedby": `audit-${key}-error` } : {});
  return (
    <form method="get" role="search" aria-label="Audit events" className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      <Labelled id="audit-action" label="Action" className="lg:col-span-2">
        <select id="audit-action" name="action" defaultValue={values.action ?? ""} className={fieldControlStyles({})}>
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="audit-actor" label="Actor" className="lg:col-span-2">
        <select id="audit-actor" name="actor" defaultValue={values.actor ?? ""} className={fieldControlStyles({ invalid: !!errors.actor })} {...invalid("actor")}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="audit-target" label="Target contains" error={errors.target} className="lg:col-span-2">
        <input id="audit-target" name="target" type="search" defaultValue={values.target ?? ""} maxLength={200} placeholder="An email, a slug…" autoComplete="off" spellCheck={false} className={fieldControlStyles({ invalid: !!errors.target })} {...invalid("target")} />
      </Labelled>
      <Labelled id="audit-from" label="From" error={errors.from} className="lg:col-span-2">
        <input id="audit-from" name="from" type="date" defaultValue={values.from ?? ""} className={fieldControlStyles({ invalid: !!errors.from })} {...invalid("from")} />
      </Labelled>
      <Labelled id="audit-to" label="To (included)" error={errors.to} className="lg:col-span-2">
        <input id="audit-to" name="to" type="date" defaultValue={values.to ?? ""} className={fieldControlStyles({ invalid: !!errors.to })} {...invalid("to")} />
      </Labelled>
      <div className="flex flex-wrap gap-2 lg:col-span-2">
        <button type="submit" className={buttonStyles({ variant: "secondary" })}>
          <Filter className="size-4" aria-hidden="true" />
          Filter
        </button>
        {clearHref && (
          <Link href={clearHref} className={buttonStyles({ variant: "ghost" })}>
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
