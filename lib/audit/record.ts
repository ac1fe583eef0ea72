import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { RequestMeta, Viewer } from "@/lib/auth/context";

export type AuditEntry = {
  orgId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

const SECRET_KEYS = /password|secret|token/i;

/** Masks anything that looks like a secret, so the trail never holds one (an absent one stays absent). */
function mask(values: Record<string, unknown> | null | undefined) {
  if (!values) return null;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, SECRET_KEYS.test(k) && v != null ? "••••" : v]));
}

/** Who did it, as the trail records them: any Actor, or a person who is just signing in. */
export type AuditActor = { viewer: Pick<Viewer, "id" | "name"> | null; meta: RequestMeta; role?: string | null };

/** Writes audit events (one insert however many); call it inside the mutation's transaction. */
export async function recordAudits(tx: Db, actor: AuditActor, entries: AuditEntry[]) {
  if (!entries.length) return;
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      orgId: entry.orgId,
      actorId: actor.viewer?.id ?? null,
      actorName: actor.viewer?.name ?? null,
      actorRole: actor.role ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      targetLabel: entry.targetLabel ?? null,
      before: mask(entry.before),
      after: mask(entry.after),
      ip: actor.meta.ip,
      userAgent: actor.meta.userAgent,
      requestId: actor.meta.requestId ?? null,
    })),
  );
}

export const recordAudit = (tx: Db, actor: AuditActor, entry: AuditEntry) => recordAudits(tx, actor, [entry]);

/** The fields that differ between two versions of a record, as {before, after}. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const keys = Object.keys(after).filter((k) => after[k] !== undefined && after[k] !== before[k]);
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
    changed: keys.length > 0,
  };
}
