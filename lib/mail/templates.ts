import type { Mail } from "./outbox";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain message with one call to action; every interpolated value is escaped in the HTML part. */
function message(to: string, subject: string, lines: string[], action: { label: string; url: string }, footer: string): Mail {
  const text = [...lines, "", `${action.label}: ${action.url}`, "", footer].join("\n");
  const html = `<div style="font-family:system-ui,sans-serif;max-width:560px">
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="color:#475569;font-size:13px">${escapeHtml(footer)}</p></div>`;
  return { to, subject, text, html };
}

export const verifyEmailMail = (to: string, name: string, url: string) =>
  message(
    to,
    "Verify your email for Atrium",
    [`Hi ${name},`, "Confirm that this address is yours to finish setting up your Atrium account."],
    { label: "Verify email", url },
    "The link works once and expires in 24 hours. If you did not sign up, ignore this message.",
  );

export const resetPasswordMail = (to: string, url: string) =>
  message(
    to,
    "Reset your Atrium password",
    ["Someone asked to reset the password of the Atrium account for this address."],
    { label: "Choose a new password", url },
    "The link works once and expires in 1 hour. If it was not you, ignore this message: your password stays as it is.",
  );

const ROLE_PHRASE: Record<string, string> = { owner: "an owner", admin: "an admin", member: "a member", viewer: "a viewer" };

export const invitationMail = (to: string, invite: { inviterName: string; orgName: string; role: string; expiresAt: Date; url: string }) =>
  message(
    to,
    `${invite.inviterName} invited you to ${invite.orgName} on Atrium`,
    [`${invite.inviterName} invited you to join ${invite.orgName} on Atrium as ${ROLE_PHRASE[invite.role] ?? invite.role}.`],
    { label: "View the invitation", url: invite.url },
    `The link expires on ${invite.expiresAt.toUTCString()}. If you did not expect this invitation, ignore this message.`,
  );

const PROJECT_ROLE_PHRASE: Record<string, string> = { admin: "admin access", write: "write access", read: "read access" };

/** An outside collaborator's invitation: one project of an organization, no membership. */
export const projectInvitationMail = (to: string, invite: { inviterName: string; orgName: string; projectName: string; role: string; expiresAt: Date; url: string }) =>
  message(
    to,
    `${invite.inviterName} invited you to the project ${invite.projectName} in ${invite.orgName} on Atrium`,
    [
      `${invite.inviterName} invited you to collaborate on the project ${invite.projectName} of ${invite.orgName} on Atrium, with ${PROJECT_ROLE_PHRASE[invite.role] ?? invite.role}.`,
      `You will see this project only; you do not join ${invite.orgName}.`,
    ],
    { label: "View the invitation", url: invite.url },
    `The link expires on ${invite.expiresAt.toUTCString()}. If you did not expect this invitation, ignore this message.`,
  );

export const linkIdentityMail = (to: string, providerName: string, url: string) =>
  message(
    to,
    `Link ${providerName} to your Atrium account`,
    [
      `Someone signed in to ${providerName} as ${to} and asked to link that identity to the Atrium account for this address.`,
      `If it was you, confirm it: you can then sign in to Atrium through ${providerName}.`,
    ],
    { label: `Link ${providerName}`, url },
    "The link works once and expires in 1 hour. If it was not you, ignore this message: nothing is linked.",
  );

/** Sign-up with an address that already has an account: the owner hears of it; the form answered as for any sign-up. */
export const accountExistsMail = (to: string, signInUrl: string, resetUrl: string) =>
  message(
    to,
    "Someone tried to sign up to Atrium with your address",
    [
      "Someone tried to create an Atrium account for this address, but it already has one: nothing was changed.",
      `If it was you, sign in instead. Forgot your password? Reset it here: ${resetUrl}`,
    ],
    { label: "Sign in", url: signInUrl },
    "If it was not you, ignore this message: your account stays as it is.",
  );

/** A reset asked for an address without an account: answered as for any address, and its owner hears why no link came. */
export const noAccountMail = (to: string, signUpUrl: string) =>
  message(
    to,
    "Atrium password reset: no account for this address",
    ["Someone asked to reset the password of the Atrium account for this address, but there is no account for it."],
    { label: "Create an account", url: signUpUrl },
    "If it was not you, ignore this message.",
  );
