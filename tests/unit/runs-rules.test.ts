/**
 * The run rules of lib/authz as a literal table over project roles and tokens, the run-token
 * principal, and the status transitions.
 */
import { describe, expect, it } from "vitest";
import { can, orgPrincipal, projectPrincipal, runTokenPrincipal, type Action, type OrgRole, type ProjectPrincipal, type ProjectRole, type TokenRestriction } from "@/lib/authz";
import { canTransition, RUN_STATUSES, transitionRefusal, type RunStatus } from "@/lib/runs/status";

type RunAction = Extract<Action, `run.${string}`>;
const ACTIONS: RunAction[] = ["run.view", "run.create", "run.update", "run.stop", "run.tag", "run.archive", "run.delete.own", "run.delete.any", "run.purge", "run.token.manage"];

/** An outsider with a direct grant of `role` (null: none) on an internal project, through `token`. */
function onProject(role: ProjectRole | null, token?: TokenRestriction): ProjectPrincipal {
  const org = orgPrincipal({ signedIn: true, membershipRole: null, orgVisibility: "private", token });
  return projectPrincipal(org, { visibility: "internal", grants: role ? [{ role, team: null }] : [] });
}
const PROJECT = "11111111-1111-4111-8111-111111111111";
function runToken(creatorRole: OrgRole | null, grants: ProjectRole[], projectId = PROJECT): ProjectPrincipal {
  const org = orgPrincipal({ signedIn: true, membershipRole: null, orgVisibility: "private", token: { readOnly: false, areas: ["runs"], runToken: { projectId: PROJECT, creatorRole } } });
  return runTokenPrincipal(org, { id: projectId, visibility: "internal", grants: grants.map((role) => ({ role, team: null })) });
}

const PRINCIPALS: Record<string, ProjectPrincipal> = {
  admin: onProject("admin"),
  write: onProject("write"),
  read: onProject("read"),
  none: onProject(null),
  "write, read-only token": onProject("write", { readOnly: true, areas: "all" }),
  "admin, projects-only token": onProject("admin", { readOnly: false, areas: ["projects"] }),
  "run token (member creator)": runToken("member", []),
  "run token (viewer creator)": runToken("viewer", []),
  "run token (viewer creator, write grant)": runToken("viewer", ["write"]),
  "run token (admin creator)": runToken("admin", []),
  "run token of another project": runToken("admin", [], "22222222-2222-4222-8222-222222222222"),
  "run token (creator gone)": runToken(null, []),
};
const COLUMNS = Object.keys(PRINCIPALS);

// view create update stop tag archive del.own del.any purge tokens
const TABLE: Record<string, string> = {
  admin:                                     "✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓",
  write:                                     "✓ ✓ ✓ ✓ ✓ ✓ ✓ – – ✓",
  read:                                      "✓ – – – – – – – – –",
  none:                                      "– – – – – – – – – –",
  "write, read-only token":                  "✓ – – – – – – – – –",
  "admin, projects-only token":              "– – – – – – – – – –",
  "run token (member creator)":              "✓ ✓ ✓ – – – – – – –",
  "run token (viewer creator)":              "– – – – – – – – – –",
  "run token (viewer creator, write grant)": "✓ ✓ ✓ – – – – – – –",
  "run token (admin creator)":               "✓ ✓ ✓ – – – – – – –",
  "run token of another project":            "– – – – – – – – – –",
  "run token (creator gone)":                "– – – – – – – – – –",
};

describe("run rules", () => {
  it("has a row for every principal", () => expect(Object.keys(TABLE)).toEqual(COLUMNS));

  const cases = COLUMNS.flatMap((who) => TABLE[who].split(" ").map((mark, i) => ({ who, action: ACTIONS[i], expected: mark === "✓" })));
  it.each(cases)("$who · $action → $expected", ({ who, action, expected }) => {
    expect(can(PRINCIPALS[who], action)).toBe(expected);
  });

  it("a run token is write at most, and its sources are its creator's", () => {
    const p = runToken("admin", []);
    expect(p.projectRole).toBe("write");
    expect(p.access.sources).toEqual([{ via: "org", role: "admin", orgRole: "admin" }]);
    expect(can(p, "project.read")).toBe(false);
    expect(can(p, "project.write")).toBe(false);
  });
});

describe("run status transitions", () => {
  // from \ to: created queued running stopping stopped succeeded failed lost
  const TRANSITIONS: Record<RunStatus, string> = {
    created:   "✓ ✓ ✓ ✓ ✓ – ✓ ✓",
    queued:    "– ✓ ✓ ✓ ✓ – ✓ ✓",
    running:   "– – ✓ ✓ ✓ ✓ ✓ ✓",
    stopping:  "– – – ✓ ✓ ✓ ✓ ✓",
    stopped:   "– – – – ✓ – – –",
    succeeded: "– – – – – ✓ – –",
    failed:    "– – – – – – ✓ –",
    lost:      "– – – – – – – ✓",
  };
  const cases = RUN_STATUSES.flatMap((from) => TRANSITIONS[from].split(" ").map((mark, i) => ({ from, to: RUN_STATUSES[i], expected: mark === "✓" })));
  it.each(cases)("$from → $to: $expected", ({ from, to, expected }) => expect(canTransition(from, to)).toBe(expected));

  it("says why in words", () => {
    expect(transitionRefusal(3, "succeeded", "running")).toBe("Run #3 has already ended (succeeded): its status no longer changes.");
    expect(transitionRefusal(3, "queued", "created")).toBe("Run #3 is queued: it can go to running, stopping, stopped, failed, lost, not created.");
  });
});
