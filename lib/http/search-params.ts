import { ValidationError } from "@/lib/errors";

/** One value of a page's search parameter (the first when it is repeated); "" when absent. */
export const searchParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** A list read whose cursor or filter was refused (a hand-edited URL) shows `firstPage` instead of an error. */
export function orFirstPage<T>(read: Promise<T>, firstPage: () => Promise<T>): Promise<T> {
  return read.catch((error) => {
    if (error instanceof ValidationError) return firstPage();
    throw error;
  });
}
