/**
 * Input from a form or a request body. Typed loosely on purpose: it goes straight into a service,
 * which parses it with its zod schema before anything else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntrustedInput = any;
