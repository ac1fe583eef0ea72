import { AppError } from "@/lib/errors";

/**
 * Why an SSO sign-in stopped, in words for the person. Only the reason travels (in the URL of the
 * page that explains it), so nothing a provider sends is ever echoed.
 */
export const SSO_FAILURES = {
  expired: "The sign-in took too long, or was started in another browser. Please start again.",
  cancelled: "Sign-in was cancelled at the identity provider.",
  provider: "The identity provider did not complete the sign-in. Try again; if it keeps failing, ask an owner of the organization to check its SSO settings.",
  unavailable: "That single sign-on is not set up, or no longer.",
  email_missing: "The identity provider did not share an email address, so there is no account to sign in to.",
  email_unverified: "The identity provider does not vouch for your email address, so it cannot be used to join or link an account.",
  email_domain: "The identity provider signed you in with an address outside the organization's domains.",
  identity_taken: "That identity is already linked to another Atrium account.",
  account_disabled: "This account is disabled.",
  link_expired: "This link request expired. Sign in with SSO again to start over.",
} as const;
export type SsoFailure = keyof typeof SSO_FAILURES;

export const isSsoFailure = (reason: unknown): reason is SsoFailure => typeof reason === "string" && Object.hasOwn(SSO_FAILURES, reason);

export class SsoFailedError extends AppError {
  constructor(readonly reason: SsoFailure) {
    super("sso_failed", 400, SSO_FAILURES[reason]);
  }
}
