import { z } from "zod";
import { API_AREAS } from "@/lib/authz/principal";

export const emailSchema = z
  .string("Enter your email address.")
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."))
  .transform((e) => e.toLowerCase());

export const nameSchema = z
  .string("Enter your name.")
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Keep the name under 100 characters.");

export const passwordSchema = z
  .string("Choose a password.")
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const signUpInput = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  /** The invitation link the person arrived through, if any: it proves they read the invited mailbox. */
  invitation: z.string().max(200).optional(),
  /** Where to go once the address is verified: a same-origin path, already checked by the caller. */
  next: z.string().max(2000).optional(),
});
export const verifyEmailInput = z.object({
  token: z.string().min(1).max(200),
  /** The account's password, when the verifier knows it: then it keeps working. */
  password: z.string().max(200).optional(),
});
export const signInInput = z.object({
  email: emailSchema,
  password: z.string("Enter your password.").min(1, "Enter your password.").max(200, "Email or password is incorrect."),
});
export const forgotPasswordInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ token: z.string().min(1).max(200), password: passwordSchema });
export const profileInput = z.object({ name: nameSchema });
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(200),
  newPassword: passwordSchema,
});
export const setPasswordInput = z.object({ newPassword: passwordSchema });
/** The parts of the API a token may be limited to: the areas lib/authz's rules name. */
export const TOKEN_AREAS = API_AREAS;
export const TOKEN_LIFETIMES = [7, 30, 90, 365, 0] as const;

export const createTokenInput = z.object({
  name: z.string("Name the token.").trim().min(1, "Name the token.").max(80, "Keep the name under 80 characters."),
  expiresInDays: z.coerce
    .number()
    .int()
    .refine((d) => (TOKEN_LIFETIMES as readonly number[]).includes(d), "Pick one of the offered lifetimes.")
    .default(30),
  /** "read": the token may only read. */
  access: z.enum(["write", "read"], "Pick read and write, or read only.").default("write"),
  /** Areas the token may touch; empty or missing: every area. A comma-separated string is accepted too. */
  areas: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((a) => a.trim()).filter(Boolean) : v),
    z.array(z.enum(TOKEN_AREAS, "Pick areas from the list.")).max(TOKEN_AREAS.length),
  ).optional(),
  /** The slug of the one organization the token may act in; empty: any of yours. */
  org: z.string().trim().max(100).optional(),
});

export const tokenPolicyInput = z.object({
  /** The longest a token may act in the organization, in days; null or 0: no limit. */
  maxTokenDays: z.coerce.number("Enter a number of days.").int("Enter whole days.").min(0, "Enter 0 or more days.").max(3650, "At most 3650 days.").nullable(),
});
