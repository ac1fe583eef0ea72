/** Audit actions recorded in an organization's trail: a name for lists and filters, and a verb for sentences. */
export const ORG_AUDIT_ACTIONS: Record<string, { name: string; verb: string }> = {
  "org.created": { name: "Organization created", verb: "created the organization" },
  "org.updated": { name: "Organization settings changed", verb: "changed the organization settings" },
  "org.deleted": { name: "Organization deleted", verb: "deleted the organization" },
  "org.auth_settings.updated": { name: "Authentication settings changed", verb: "changed the authentication settings" },
  "member.joined": { name: "Member joined", verb: "joined the organization" },
  "member.role_changed": { name: "Member role changed", verb: "changed the role of" },
  "member.removed": { name: "Member removed", verb: "removed" },
  "member.left": { name: "Member left", verb: "left the organization" },
  "invitation.created": { name: "Invitation sent", verb: "invited" },
  "invitation.resent": { name: "Invitation resent", verb: "resent the invitation to" },
  "invitation.revoked": { name: "Invitation revoked", verb: "revoked the invitation to" },
  "invitation.role_changed": { name: "Invited role changed", verb: "changed the invited role of" },
  "invitation.declined": { name: "Invitation declined", verb: "declined the invitation" },
  "project.invitation_sent": { name: "Project invitation sent", verb: "invited to a project" },
  "project.invitation_resent": { name: "Project invitation resent", verb: "resent the project invitation to" },
  "project.invitation_revoked": { name: "Project invitation revoked", verb: "revoked the project invitation to" },
  "project.invitation_declined": { name: "Project invitation declined", verb: "declined the invitation to" },
  "project.collaborator_joined": { name: "Outside collaborator joined a project", verb: "accepted the invitation to" },
  "user.identity_linked": { name: "SSO identity linked", verb: "linked the organization's SSO to their account" },
  "user.identity_unlinked": { name: "SSO identity unlinked", verb: "unlinked the organization's SSO from their account" },
  "hub.component.created": { name: "Hub component created", verb: "created the hub component" },
  "hub.version.pushed": { name: "Component version uploaded", verb: "uploaded a version of" },
  "hub.tags.moved": { name: "Component tags moved", verb: "moved tags of" },
  "hub.component.deleted": { name: "Hub component deleted", verb: "deleted the hub component" },
  "registry.model.created": { name: "Model created", verb: "created the registry model" },
  "registry.version.registered": { name: "Model version registered", verb: "registered a version of" },
  "registry.aliases.moved": { name: "Model aliases moved", verb: "moved aliases of" },
  "registry.alias.protection_changed": { name: "Alias protection changed", verb: "changed the protection of" },
  "registry.model.deleted": { name: "Model deleted", verb: "deleted the registry model" },
  "storage.tier_changed": { name: "Storage tier changed", verb: "changed the storage tier" },
  "run.created": { name: "Runs created", verb: "created runs" },
  "run.updated": { name: "Run updated", verb: "updated the run" },
  "run.artifacts_added": { name: "Run artifacts added", verb: "added artifacts to the run" },
  "run.stop_requested": { name: "Run stop requested", verb: "asked to stop the run" },
  "run.tagged": { name: "Run tags changed", verb: "changed the tags of the run" },
  "run.archived": { name: "Run archived", verb: "archived the run" },
  "run.unarchived": { name: "Run unarchived", verb: "unarchived the run" },
  "run.deleted": { name: "Run deleted", verb: "deleted the run" },
  "run.restored": { name: "Run restored", verb: "restored the run" },
  "run.purged": { name: "Run purged", verb: "purged the run" },
  "run_token.created": { name: "Run token created", verb: "created a run token for" },
  "run_token.revoked": { name: "Run token revoked", verb: "revoked a run token of" },
  "registry.version.promoted": { name: "Run promoted to the registry", verb: "promoted a run to" },
};

/** "project.created" → "Project created": a readable name for an action added since this list was written. */
const humanize = (action: string) => {
  const words = action.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The name an audit action goes by in lists and filters. */
export const actionName = (action: string) => ORG_AUDIT_ACTIONS[action]?.name ?? humanize(action);

/** The verb of an activity sentence: "Ann Lee <verb> <target>"; "project.created" reads "created the project". */
export function describeAction(action: string) {
  const known = ORG_AUDIT_ACTIONS[action]?.verb;
  if (known) return known;
  const [thing, ...rest] = action.split(".");
  const verb = rest.join(" ").replace(/_/g, " ");
  return verb ? `${verb} the ${thing.replace(/_/g, " ")}` : humanize(action).toLowerCase();
}

/**
 * What a viewer must be allowed to see an event on the dashboard: events about invitations go with
 * seeing invitations, authentication settings changes with seeing those settings; the rest with
 * seeing the organization. Each prefix is matched as `prefix%` in SQL.
 */
export const ACTIVITY_VISIBILITY: { prefix: string; needs: "invitation.list" | "org.auth.view" }[] = [
  { prefix: "invitation.", needs: "invitation.list" },
  // Who was invited to a project from outside is for those who see invitations too.
  { prefix: "project.invitation_", needs: "invitation.list" },
  { prefix: "org.auth_settings.", needs: "org.auth.view" },
];

type SentenceEvent = { action: string; actorName: string | null; targetLabel: string | null; before: unknown; after: unknown };

const field = (values: unknown, key: string) => {
  const value = (values as Record<string, unknown> | null)?.[key];
  return typeof value === "string" ? value : null;
};
const withArticle = (role: string) => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;

/** What the event says after the actor's name, as a plain sentence: "changed the role of ann@x.com from member to admin". */
export function activityText(event: SentenceEvent): string {
  const target = event.targetLabel ?? "";
  const from = field(event.before, "role");
  const to = field(event.after, "role");
  switch (event.action) {
    case "member.role_changed":
      return from && to ? `changed the role of ${target} from ${from} to ${to}` : `changed the role of ${target}`;
    case "invitation.role_changed":
      return from && to ? `changed the invitation to ${target} from ${from} to ${to}` : `changed the invitation to ${target}`;
    case "invitation.created":
      return to ? `invited ${target} as ${withArticle(to)}` : `invited ${target}`;
    case "project.invitation_sent": {
      const [project, email] = target.split(": ");
      return email ? `invited ${email} to the project ${project}${to ? ` with ${to} access` : ""}` : `invited ${target}`;
    }
    case "project.collaborator_joined":
    case "project.invitation_declined": {
      const project = target.split(": ")[0];
      return `${event.action === "project.collaborator_joined" ? "accepted" : "declined"} the invitation to the project ${project}${to ? ` (${to} access)` : ""}`;
    }
    case "member.joined":
      return to ? `joined as ${withArticle(to)}` : "joined the organization";
    case "org.updated": {
      const changed = Object.keys((event.after as object) ?? {});
      return changed.length ? `changed the organization's ${changed.join(", ")}` : "changed the organization settings";
    }
    case "org.created":
    case "member.left":
    case "invitation.declined":
    case "org.auth_settings.updated":
    case "user.identity_linked":
    case "user.identity_unlinked":
      return describeAction(event.action);
    default:
      return target ? `${describeAction(event.action)} ${target}` : describeAction(event.action);
  }
}
