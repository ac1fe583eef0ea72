import { ConflictError, NotFoundError } from "@/lib/errors";

/** One pointer move, resolved: where it points now and where it goes (null: absent / removed). */
export type PlannedMove = { name: string; from: { id: string; number: number } | null; to: { id: string; number: number } | null };

type Move = { name: string; version: number | null; expected?: number | null };

/**
 * Checks a batch of moves against the pointers as they stand (read under the entry's lock) and the
 * entry's versions: an unknown version is a 404, a stale `expected` a 409, and nothing moves unless
 * every move is good. Moves that change nothing are dropped.
 */
export function planMoves(moves: Move[], current: Map<string, { id: string; number: number }>, versions: Map<number, string>, label: (name: string) => string): PlannedMove[] {
  const plan: PlannedMove[] = [];
  for (const move of moves) {
    const from = current.get(move.name) ?? null;
    if (move.expected !== undefined && (from?.number ?? null) !== move.expected) {
      const now = from ? `is at version ${from.number}` : "does not exist";
      throw new ConflictError(`${label(move.name)} ${now}: someone moved it first. Reload and try again.`, { [move.name]: `Now ${from ? `at version ${from.number}` : "absent"}.` });
    }
    if (move.version === null) {
      if (!from) throw new NotFoundError(`${label(move.name)} does not exist.`);
      plan.push({ name: move.name, from, to: null });
      continue;
    }
    const id = versions.get(move.version);
    if (!id) throw new NotFoundError(`There is no version ${move.version}.`);
    if (from?.id !== id) plan.push({ name: move.name, from, to: { id, number: move.version } });
  }
  return plan;
}
