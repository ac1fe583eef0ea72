import type { OrgVisibility } from "@/lib/authz";
import { seedOrg } from "./orgs";
import { quickPerson, type Person } from "./people";

/** The error code each refusal status carries (DESIGN §7). */
export const ERROR_CODE: Record<number, string> = { 400: "validation_failed", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict" };

/** A matrix row's status column ("204   403   404 …", one per caller, in order) as one case per caller. */
export const statusesByCaller = <C extends string>(statuses: string, callers: readonly C[]) =>
  statuses
    .trim()
    .split(/\s+/)
    .map((status, i) => ({ caller: callers[i], status: Number(status) }));

/** The callers of an organization matrix, in column order. */
export const ORG_CALLERS = ["owner", "admin", "member", "viewer", "outsider", "anonymous"] as const;
export type OrgCaller = (typeof ORG_CALLERS)[number];

/**
 * A fresh organization with one person per role and a signed-in outsider (written straight into the
 * database: cheap enough for one per matrix case). as(caller) is whom to send the request as.
 */
export async function orgFixture(visibility: OrgVisibility = "private") {
  const people = {
    owner: await quickPerson({ name: "Olive Owner" }),
    admin: await quickPerson({ name: "Adam Admin" }),
    member: await quickPerson({ name: "Mia Member" }),
    viewer: await quickPerson({ name: "Vic Viewer" }),
    outsider: await quickPerson({ name: "Otto Outsider" }),
  };
  const org = await seedOrg(
    [
      [people.owner, "owner"],
      [people.admin, "admin"],
      [people.member, "member"],
      [people.viewer, "viewer"],
    ],
    { visibility },
  );
  const as = (caller: OrgCaller | keyof typeof people): Person | null => (caller === "anonymous" ? null : people[caller]);
  return { org, people, as };
}
