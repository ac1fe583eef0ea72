/** Audit actions recorded in an organization's trail, with how the UI phrases them. */
export const ORG_AUDIT_ACTIONS: Record<string, string> = {
  "org.created": "created the organization",
  "org.updated": "changed the organization settings",
  "org.deleted": "deleted the organization",
  "member.left": "left the organization",
};

export const describeAction = (action: string) => ORG_AUDIT_ACTIONS[action] ?? action;
