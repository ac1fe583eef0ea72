import { ForbiddenError, NotFoundError, SsoRequiredError, UnauthenticatedError } from "@/lib/errors";
import { can, type Action, type OrgVisibility, type Principal, type Resources } from "./policy";

export * from "./policy";

/** What authorize() needs about the caller and the organization: loaded by lib/auth in the request's one query. */
export type OrgScope = { principal: Principal; orgVisibility: OrgVisibility };

/**
 * Throws unless the principal may perform the action. Someone who may not even see the organization
 * (or project) gets NotFound, so private things do not reveal that they exist; anonymous callers of
 * anything that needs an account get Unauthenticated; members who must first sign in through the
 * organization's SSO get SsoRequired.
 */
export function authorize<A extends Action>(scope: OrgScope, action: A, resource: Resources[A]): void {
  const { principal } = scope;
  if (can(principal, action, resource)) return;
  if (!principal.signedIn) throw new UnauthenticatedError();
  if (principal.ssoRequired) throw new SsoRequiredError();
  if (PROJECT_ACTIONS.has(action)) {
    throw can(principal, "project.read", resource as Resources["project.read"]) ? new ForbiddenError() : new NotFoundError();
  }
  if (!can(principal, "org.view", {})) {
    throw scope.orgVisibility === "public" ? new ForbiddenError("You are not a member of this organization.") : new NotFoundError();
  }
  throw new ForbiddenError();
}

/** Actions on one project: who cannot read the project may not learn it exists. */
const PROJECT_ACTIONS = new Set<Action>(["project.read", "project.write", "project.admin"]);
