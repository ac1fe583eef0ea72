import type { ReactNode } from "react";
import { cn } from "./cn";

type CardProps = {
  title?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  tone?: "default" | "danger";
};

export function Card({ title, description, children, footer, tone = "default" }: CardProps) {
  const danger = tone === "danger";
  return (
    <section
      className={cn(
        "overflow-hidden rounded-md border bg-white shadow-sm",
        danger ? "border-red-300" : "border-slate-200",
      )}
    >
      <div className="space-y-4 p-4 sm:p-6">
        {(title || description) && (
          <header className="space-y-1">
            {title && (
              <h2 className={cn("text-base font-semibold", danger ? "text-red-700" : "text-slate-900")}>
                {title}
              </h2>
            )}
            {description && <p className="text-sm text-slate-600">{description}</p>}
          </header>
        )}
        {children}
      </div>
      {footer && (
        <div
          className={cn(
            "flex flex-wrap items-center justify-end gap-3 border-t px-4 py-3 sm:px-6",
            danger ? "border-red-200 bg-red-50" : "border-slate-200 bg-slate-50",
          )}
        >
          {footer}
        </div>
      )}
    </section>
  );
}

type PageHeaderProps = { title: ReactNode; description?: ReactNode; actions?: ReactNode };

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1">
        <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description && <p className="text-sm text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
