import { ForbiddenError, NotFoundError, SsoRequiredError, UnauthenticatedError } from "@/lib/errors";
import type { AccountPrincipal, OrgPrincipal, ProjectPrincipal, TeamPrincipal, TokenRestriction } from "./principal";
import { RULES, type Action, type FactsArg, type PrincipalOf, type Rule, type Scope } from "./rules";
import { atLeast, ORG_ROLES, PROJECT_ROLES, TEAM_ROLES } from "./roles";

export * from "./roles";
export * from "./principal";
export * from "./effective-role";
export { RULES, JOIN_REFUSALS, type Action, type JoinRefusal, type PrincipalOf, type Scope } from "./rules";

/** The one message for an organization the caller may not see and one that does not exist. */
export const NO_SUCH_ORG = "No organization by that name.";
export const NO_SUCH_PROJECT = "No such project.";
export const RUN_TOKEN_LIMIT = "A run token only creates, updates and reads the runs of its own project.";

/**
 * NotFound for something inside an organization: whoever may not see the organization gets the
 * organization's answer, so a missing project and a hidden organization read the same.
 */
export const notFound = (p: OrgPrincipal, message: string) =>
  new NotFoundError(p.orgRole === null && p.orgVisibility !== "public" ? NO_SUCH_ORG : message);

type AnyPrincipal = AccountPrincipal & Partial<OrgPrincipal & ProjectPrincipal & TeamPrincipal>;
type AnyRule = Rule<Scope, unknown>;
const ruleOf = (action: Action) => RULES[action] as AnyRule;

function tokenAllows(token: TokenRestriction | undefined, rule: AnyRule) {
  if (!token) return true;
  if (token.runToken && !rule.runToken) return false;
  if (token.readOnly && !rule.reads) return false;
  return token.areas === "all" || token.areas.includes(rule.area);
}

function meetsFloor(p: AnyPrincipal, rule: AnyRule) {
  switch (rule.scope) {
    case "account":
      return p.signedIn;
    case "org":
      return rule.floor === "signed-in" ? p.signedIn : atLeast(ORG_ROLES, p.orgRole, rule.floor as (typeof ORG_ROLES)[number]);
    case "project":
      return atLeast(PROJECT_ROLES, p.projectRole, rule.floor as (typeof PROJECT_ROLES)[number]);
    case "team":
      return atLeast(TEAM_ROLES, p.teamRole, rule.floor as (typeof TEAM_ROLES)[number]);
  }
}

/** Whether the principal may perform the action on a target with these facts. Pure. */
export function can<A extends Action>(p: PrincipalOf<A>, action: A, ...facts: FactsArg<A>): boolean {
  const rule = ruleOf(action);
  if (!tokenAllows(p.token, rule) || !meetsFloor(p, rule)) return false;
  return rule.when ? rule.when(p as never, facts[0]) : true;
}

/**
 * Whether the caller may do this kind of thing at all (floor and token only), before their input
 * is parsed: a refused caller learns nothing from a 400. authorize() decides the rest once the
 * facts are known.
 */
export function gate<A extends Action>(p: PrincipalOf<A>, action: A): void {
  const rule = ruleOf(action);
  if (tokenAllows(p.token, rule) && meetsFloor(p, rule)) return;
  throw refusalOf(p, action, rule, undefined);
}

/**
 * Throws unless the principal may perform the action. Whoever may not see the organization (or the
 * project) gets the same NotFound, signed in or not, so a private thing never shows that it exists;
 * anonymous callers of what a public organization shows get Unauthenticated; members whose SSO is
 * pending get SsoRequired; the rest get Forbidden, with the rule's reason where it has one.
 */
export function authorize<A extends Action>(p: PrincipalOf<A>, action: A, ...facts: FactsArg<A>): void {
  if (can(p, action, ...facts)) return;
  throw refusalOf(p, action, ruleOf(action), facts[0]);
}

function refusalOf(principal: AccountPrincipal, action: Action, rule: AnyRule, facts: unknown): Error {
  const p = principal as AnyPrincipal;
  if (rule.scope === "account") {
    if (!p.signedIn) return new UnauthenticatedError();
  } else {
    if (p.ssoPending) return new SsoRequiredError();
    // A run token knows its organization and project: past them, it only hears what it may not do.
    const tokenProjectReadable = rule.scope !== "project" || atLeast(PROJECT_ROLES, p.projectRole, "read");
    if (p.token?.runToken && !rule.runToken && tokenProjectReadable) return new ForbiddenError(RUN_TOKEN_LIMIT);
    const seesOrg = p.orgRole != null;
    // The floor is met but the condition is not, and the rule says why: the person may know.
    const reason = facts !== undefined && meetsFloor(p, rule) ? rule.refusal?.(facts as never) : null;
    if (reason) return new ForbiddenError(reason);
    if (rule.scope === "project") {
      const readable = atLeast(PROJECT_ROLES, p.projectRole, "read");
      if (!readable) return p.orgVisibility === "public" && !p.signedIn ? new UnauthenticatedError() : notFound(p as OrgPrincipal, NO_SUCH_PROJECT);
    } else if (!seesOrg) {
      if (p.orgVisibility !== "public") return new NotFoundError(NO_SUCH_ORG);
      return p.signedIn ? new ForbiddenError("You are not a member of this organization.") : new UnauthenticatedError();
    }
    if (!p.signedIn) return new UnauthenticatedError();
  }
  if (p.token && meetsFloor(p, rule)) {
    return new ForbiddenError(p.token.readOnly && !rule.reads ? "This access token is read-only." : `This access token does not cover ${rule.area}.`);
  }
  const reason = facts !== undefined ? rule.refusal?.(facts as never) : null;
  return new ForbiddenError(reason ?? "You do not have permission to do that.");
}
