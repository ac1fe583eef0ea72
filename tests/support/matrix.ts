/** The error code each refusal status carries (DESIGN §7). */
export const ERROR_CODE: Record<number, string> = { 400: "validation_failed", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict" };

/** A matrix row's status column ("204   403   404 …", one per caller, in order) as one case per caller. */
export const statusesByCaller = <C extends string>(statuses: string, callers: readonly C[]) =>
  statuses
    .trim()
    .split(/\s+/)
    .map((status, i) => ({ caller: callers[i], status: Number(status) }));
