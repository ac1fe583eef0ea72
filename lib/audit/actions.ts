/** Audit actions recorded in an organization's trail, with how the UI phrases them. */
export const ORG_AUDIT_ACTIONS: Record<string, string> = {
  "org.created": "created the organization",
  "org.updated": "changed the organization settings",
  "org.deleted": "deleted the organization",
  "org.auth_settings.updated": "changed the authentication settings",
  "member.joined": "joined the organization",
  "member.role_changed": "changed the role of",
  "member.removed": "removed",
  "member.left": "left the organization",
  "invitation.created": "invited",
  "invitation.resent": "resent the invitation to",
  "invitation.revoked": "revoked the invitation to",
  "invitation.role_changed": "changed the invited role of",
  "invitation.declined": "declined the invitation",
  "user.identity_linked": "linked the organization's SSO to their account",
  "user.identity_unlinked": "unlinked the organization's SSO from their account",
  "hub.component.created": "created the hub component",
  "hub.version.pushed": "uploaded a version of",
  "hub.tags.moved": "moved tags of",
  "hub.component.deleted": "deleted the hub component",
  "registry.model.created": "created the registry model",
  "registry.version.registered": "registered a version of",
  "registry.aliases.moved": "moved aliases of",
  "registry.alias.protection_changed": "changed the protection of",
  "registry.model.deleted": "deleted the registry model",
};

export const describeAction = (action: string) => ORG_AUDIT_ACTIONS[action] ?? action;
