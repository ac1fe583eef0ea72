import { describe, expect, it } from "vitest";
import { actionName, activityText } from "@/lib/audit/actions";

const event = (action: string, targetLabel: string, after: Record<string, unknown> | null = null) => ({ action, actorName: "Ann", targetLabel, before: null, after });

describe("audit: project invitation events read as sentences", () => {
  it.each([
    [event("project.invitation_sent", "vision: gus@example.com", { role: "write" }), "invited gus@example.com to the project vision with write access"],
    [event("project.invitation_resent", "vision: gus@example.com"), "resent the project invitation to vision: gus@example.com"],
    [event("project.invitation_revoked", "vision: gus@example.com"), "revoked the project invitation to vision: gus@example.com"],
    [event("project.collaborator_joined", "vision: gus@example.com", { role: "read" }), "accepted the invitation to the project vision (read access)"],
    [event("project.invitation_declined", "vision: gus@example.com"), "declined the invitation to the project vision"],
  ])("%o → %s", (e, text) => {
    expect(activityText(e)).toBe(text);
  });

  it("names each action for lists and filters", () => {
    expect(["project.invitation_sent", "project.invitation_resent", "project.invitation_revoked", "project.invitation_declined", "project.collaborator_joined"].map(actionName)).toEqual([
      "Project invitation sent",
      "Project invitation resent",
      "Project invitation revoked",
      "Project invitation declined",
      "Outside collaborator joined a project",
    ]);
  });
});
