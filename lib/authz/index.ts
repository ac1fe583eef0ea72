import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { can, type Action, type OrgVisibility, type Principal, type Resources } from "./policy";

export * from "./policy";

/** What authorize() needs about the caller and the organization: loaded by lib/auth in the request's one query. */
export type OrgScope = { principal: Principal; orgVisibility: OrgVisibility };

/**
 * Throws unless the principal may perform the action. Someone who may not even see the organization
 * (or project) gets NotFound, so private things do not reveal that they exist; anonymous callers of
 * anything that needs an account get Unauthenticated.
 */
export function authorize<A extends Action>(scope: OrgScope, action: A, resource: Resources[A]): void {
  const { principal } = scope;
  if (can(principal, action, resource)) return;
  if (action.startsWith("project.") && action !== "project.delete" && action !== "project.create") {
    const project = resource as Resources["project.read"];
    if (!can(principal, "project.read", project)) {
      if (!principal.signedIn) throw new UnauthenticatedError();
      throw new NotFoundError();
    }
    throw new ForbiddenError();
  }
  if (!principal.signedIn) throw new UnauthenticatedError();
  if (!can(principal, "org.view", {})) {
    throw scope.orgVisibility === "public" ? new ForbiddenError("You are not a member of this organization.") : new NotFoundError();
  }
  throw new ForbiddenError();
}
