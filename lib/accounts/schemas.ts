import { z } from "zod";

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
export const createTokenInput = z.object({
  name: z.string("Name the token.").trim().min(1, "Name the token.").max(80, "Keep the name under 80 characters."),
  expiresInDays: z.coerce
    .number()
    .int()
    .refine((d) => [0, 7, 30, 90, 365].includes(d), "Pick one of the offered lifetimes.")
    .default(30),
});
