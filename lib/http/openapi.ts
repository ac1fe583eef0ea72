import { auditQuery } from "@/lib/audit/list";
import { authSettingsInput } from "@/lib/auth-settings/schemas";
import { ORG_ROLES, ORG_VISIBILITIES } from "@/lib/authz/roles";
import { appUrl } from "@/lib/config";
import { invitationListQuery, invitationRoleInput, inviteInput } from "@/lib/invitations/schemas";
import { memberListQuery, memberRoleInput } from "@/lib/members/schemas";
import { createOrgInput, deleteOrgInput, orgListQuery, updateOrgInput } from "@/lib/orgs/schemas";
import { componentInput, componentListQuery, diffQuery, versionInput } from "@/lib/hub/schemas";
import { atQuery, pointerMovesInput } from "@/lib/pointers/schemas";
import { tierInput } from "@/lib/storage/tiers";
import { aliasProtectionInput, modelInput, modelListQuery, modelVersionInput } from "@/lib/registry/schemas";
import { body, errors, ok, page, pathParam, queryParams, slugParam } from "./openapi-helpers";
import { ORG_EXTRA_PATHS } from "./openapi-org";
import { PROJECT_PATHS, PROJECT_SCHEMAS } from "./openapi-projects";
import { RUN_PATHS, RUN_SCHEMAS } from "./openapi-runs";

const ROLE = { enum: [...ORG_ROLES] };

const org = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    slug: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    website: { type: "string" },
    visibility: { enum: [...ORG_VISIBILITIES] },
    role: { enum: [...ORG_ROLES, null] },
  },
};

/** The OpenAPI 3.1 description of /api/v1, built from the same zod schemas the services parse with. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Atrium API", version: "1" },
    servers: [{ url: `${appUrl()}/api/v1` }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal access token from the account page." },
        session: { type: "apiKey", in: "cookie", name: "atrium_session" },
      },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } } },
          },
        },
        Org: org,
        OrgPage: { type: "object", properties: { items: { type: "array", items: org }, nextCursor: { type: ["string", "null"] } } },
        Me: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" }, emailVerified: { type: "boolean" } } },
        AuditPage: { type: "object", properties: { items: { type: "array", items: { type: "object" } }, nextCursor: { type: ["string", "null"] } } },
        Member: {
          type: "object",
          properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" }, role: ROLE, joinedAt: { type: "string", format: "date-time" }, joinedVia: { type: "string" }, lastActiveAt: { type: ["string", "null"], format: "date-time" }, lastSignInMethod: { type: ["string", "null"], description: "password, or the SSO provider of the most recently used session" } },
        },
        MemberPage: page("Member"),
        Invitation: {
          type: "object",
          properties: {
            id: { type: "string" },
            email: { type: "string" },
            role: ROLE,
            invitedBy: { type: "object", properties: { id: { type: ["string", "null"] }, name: { type: ["string", "null"] } } },
            createdAt: { type: "string", format: "date-time" },
            expiresAt: { type: "string", format: "date-time" },
            expired: { type: "boolean" },
            delivery: { enum: ["sending", "sent", "failed"] },
          },
        },
        InvitationPage: page("Invitation"),
        InviteResults: {
          type: "object",
          properties: {
            results: {
              type: "array",
              items: { type: "object", properties: { email: { type: "string" }, outcome: { enum: ["invited", "renewed", "member", "pending", "duplicate"] }, message: { type: "string" } } },
            },
          },
        },
        InvitationLink: {
          type: "object",
          properties: {
            email: { type: "string" },
            role: ROLE,
            expiresAt: { type: "string", format: "date-time" },
            org: { type: "object", properties: { id: { type: "string", format: "uuid" }, slug: { type: "string" }, name: { type: "string" } } },
            inviterName: { type: ["string", "null"] },
            status: { enum: ["pending", "expired", "accepted", "declined", "revoked"] },
          },
        },
        Joined: { type: "object", properties: { orgSlug: { type: "string" }, role: ROLE } },
        ...PROJECT_SCHEMAS,
        ...RUN_SCHEMAS,
        AuthSettings: {
          type: "object",
          properties: {
            providers: { type: "array", items: { type: "string" } },
            domains: { type: "array", items: { type: "string" } },
            openJoin: { type: "boolean" },
            defaultRole: { enum: ["member", "viewer"] },
            requireSso: { type: "boolean" },
            oidc: {
              type: ["object", "null"],
              properties: {
                issuer: { type: "string" },
                clientId: { type: "string" },
                clientSecretSet: { const: true },
                displayName: { type: "string" },
                emailClaim: { type: "string" },
                groupsClaim: { type: ["string", "null"] },
              },
            },
            server: {
              type: "object",
              properties: {
                providers: { type: "array", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } } },
                openJoinAllowed: { type: "boolean" },
                redirectUri: { type: "string" },
              },
            },
          },
        },
      },
    },
    paths: {
      "/me": { get: { operationId: "getMe", summary: "The signed-in user", responses: { 200: ok("The user", "Me"), ...errors(401) } } },
      "/orgs": {
        get: { operationId: "listMyOrgs", summary: "Organizations you belong to", parameters: queryParams(orgListQuery), responses: { 200: ok("A page of organizations", "OrgPage"), ...errors(400, 401) } },
        post: { operationId: "createOrg", summary: "Create an organization (you become its owner)", requestBody: body(createOrgInput), responses: { 201: ok("Created", "Org"), ...errors(400, 401, 409, 429) } },
      },
      "/orgs/{slug}": {
        parameters: [slugParam],
        get: { operationId: "getOrg", summary: "An organization", responses: { 200: ok("The organization", "Org"), ...errors(401, 403, 404) } },
        patch: { operationId: "updateOrg", summary: "Edit general settings (owners)", requestBody: body(updateOrgInput), responses: { 200: ok("Updated", "Org"), ...errors(400, 401, 403, 404, 409) } },
        delete: { operationId: "deleteOrg", summary: "Delete the organization (owners; confirm with its slug)", requestBody: body(deleteOrgInput), responses: { 204: ok("Deleted"), ...errors(400, 401, 403, 404) } },
      },
      "/orgs/{slug}/membership": {
        parameters: [slugParam],
        post: { operationId: "joinOrg", summary: "Join by open join (a verified address at one of the organization's domains)", responses: { 201: ok("Joined", "Joined"), ...errors(401, 403, 404, 409) } },
        delete: { operationId: "leaveOrg", summary: "Leave the organization (never its last owner)", responses: { 204: ok("Left"), ...errors(401, 403, 404, 409) } },
      },
      "/orgs/{slug}/members": {
        parameters: [slugParam],
        get: { operationId: "listMembers", summary: "Members by name; search matches the start of a name or email", parameters: queryParams(memberListQuery), responses: { 200: ok("A page of members", "MemberPage"), ...errors(400, 401, 403, 404) } },
      },
      "/orgs/{slug}/members/{userId}": {
        parameters: [slugParam, pathParam("userId", "uuid")],
        patch: { operationId: "changeMemberRole", summary: "Change a member's role (owners: any; admins: non-owners, never to owner)", requestBody: body(memberRoleInput), responses: { 200: ok("Changed"), ...errors(400, 401, 403, 404, 409) } },
        delete: { operationId: "removeMember", summary: "Remove a member, their team memberships, project grants and pending invitations they sent", responses: { 204: ok("Removed"), ...errors(401, 403, 404, 409) } },
      },
      "/orgs/{slug}/invitations": {
        parameters: [slugParam],
        get: { operationId: "listInvitations", summary: "Invitations, newest first (owners and admins): open ones by default, ?status=pending or ?status=history (accepted, declined, revoked, expired)", parameters: queryParams(invitationListQuery), responses: { 200: ok("A page of invitations", "InvitationPage"), ...errors(400, 401, 403, 404) } },
        post: {
          operationId: "createInvitations",
          summary: "Invite up to 50 addresses with one role; reports per address",
          requestBody: body(inviteInput),
          responses: { 201: ok("Invited", "InviteResults"), ...errors(400, 401, 403, 404, 409, 429) },
        },
      },
      "/orgs/{slug}/invitations/{id}": {
        parameters: [slugParam, pathParam("id", "uuid")],
        patch: { operationId: "changeInvitationRole", summary: "Change the role a pending invitation offers", requestBody: body(invitationRoleInput), responses: { 204: ok("Changed"), ...errors(400, 401, 403, 404) } },
        delete: { operationId: "revokeInvitation", summary: "Revoke a pending invitation (its link stops working)", responses: { 204: ok("Revoked"), ...errors(401, 403, 404) } },
      },
      "/orgs/{slug}/invitations/{id}/resend": {
        parameters: [slugParam, pathParam("id", "uuid")],
        post: { operationId: "resendInvitation", summary: "Send again with a new link and expiry (the old link stops working)", responses: { 204: ok("Sent"), ...errors(401, 403, 404, 429) } },
      },
      "/invitations/{token}": {
        parameters: [pathParam("token")],
        get: { operationId: "getInvitationByToken", summary: "What an invitation link offers; needs no sign-in and changes nothing", security: [], responses: { 200: ok("The invitation", "InvitationLink"), ...errors(404) } },
      },
      "/invitations/{token}/accept": {
        parameters: [pathParam("token")],
        post: { operationId: "acceptInvitation", summary: "Accept as the signed-in user whose verified email was invited (idempotent)", responses: { 200: ok("Joined", "Joined"), ...errors(401, 403, 404, 409) } },
      },
      "/invitations/{token}/decline": {
        parameters: [pathParam("token")],
        post: { operationId: "declineInvitation", summary: "Decline as the invited signed-in user", responses: { 200: ok("Declined", "Joined"), ...errors(401, 403, 404, 409) } },
      },
      "/orgs/{slug}/auth-settings": {
        parameters: [slugParam],
        get: { operationId: "getAuthSettings", summary: "How people sign in and join (owners and admins); the client secret is never returned", responses: { 200: ok("The settings", "AuthSettings"), ...errors(401, 403, 404) } },
        put: {
          operationId: "updateAuthSettings",
          summary: "Replace the settings (owners). A new issuer is checked by discovery first; the client secret is write-only (omit it to keep the saved one)",
          requestBody: body(authSettingsInput),
          responses: { 200: ok("Saved", "AuthSettings"), ...errors(400, 401, 403, 404, 409) },
        },
      },
      ...ORG_EXTRA_PATHS,
      ...PROJECT_PATHS,
      ...RUN_PATHS,
      "/orgs/{slug}/audit": {
        parameters: [slugParam],
        get: {
          operationId: "listAuditEvents",
          summary: "Audit log, newest first (owners and admins)",
          parameters: queryParams(auditQuery),
          responses: { 200: ok("A page of events", "AuditPage"), ...errors(400, 401, 403, 404) },
        },
      },
      ...hubPaths(),
      ...registryPaths(),
      "/orgs/{slug}/storage": {
        parameters: [slugParam],
        get: { operationId: "getStorageUsage", summary: "Storage used against the tier (live and deleted-not-purged bytes); owners and admins get the 80 % warning", responses: { 200: obj, ...errors(401, 403, 404) } },
        patch: { operationId: "setStorageTier", summary: "Change the storage tier (owners); nothing stored is touched", requestBody: body(tierInput), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
      },
    },
  };
}

const nameParam = pathParam("name");
const obj = { description: "OK", content: { "application/json": { schema: { type: "object" } } } };

/** The component hub (issue 10). */
function hubPaths() {
  return {
    "/orgs/{slug}/components": {
      parameters: [slugParam],
      get: { operationId: "listComponents", summary: "Hub components by name (q: name prefix)", parameters: queryParams(componentListQuery), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
      post: { operationId: "createComponent", summary: "Create a component, with its first version when a YAML spec is given (owners, admins)", requestBody: body(componentInput), responses: { 201: obj, ...errors(400, 401, 403, 404, 409) } },
    },
    "/orgs/{slug}/components/{name}": {
      parameters: [slugParam, nameParam],
      get: { operationId: "getComponent", summary: "A component: its versions, tags and README", responses: { 200: obj, ...errors(401, 403, 404) } },
      delete: { operationId: "deleteComponent", summary: "Delete a component with its versions and tag history (owners; admins: their own)", responses: { 204: ok("Deleted"), ...errors(401, 403, 404) } },
    },
    "/orgs/{slug}/components/{name}/versions": {
      parameters: [slugParam, nameParam],
      get: { operationId: "listComponentVersions", summary: "Versions, newest first", responses: { 200: obj, ...errors(401, 403, 404) } },
      post: {
        operationId: "pushComponentVersion",
        summary: "Upload a YAML spec; the version is the digest of the normalized spec (the same spec again: 200 with the existing version). Errors name the line.",
        requestBody: body(versionInput),
        responses: { 200: obj, 201: obj, ...errors(400, 401, 403, 404) },
      },
    },
    "/orgs/{slug}/components/{name}/versions/{ref}": {
      parameters: [slugParam, nameParam, pathParam("ref")],
      get: { operationId: "getComponentVersion", summary: "One version by number, digest (sha256:…) or tag, with its spec", responses: { 200: obj, ...errors(401, 403, 404) } },
    },
    "/orgs/{slug}/components/{name}/diff": {
      parameters: [slugParam, nameParam],
      get: { operationId: "diffComponentVersions", summary: "Inputs and outputs added, removed or changed, and the image, between two versions; breaking changes named", parameters: queryParams(diffQuery), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
    },
    "/orgs/{slug}/components/{name}/tags": {
      parameters: [slugParam, nameParam],
      get: { operationId: "listComponentTags", summary: "Tags and the versions they point to", responses: { 200: obj, ...errors(401, 403, 404) } },
      post: {
        operationId: "moveComponentTags",
        summary: "Move, create or remove several tags at once, all or none; `expected` refuses the move (409) when someone moved the tag first",
        requestBody: body(pointerMovesInput),
        responses: { 200: obj, ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/orgs/{slug}/components/{name}/tags/{tag}": {
      parameters: [slugParam, nameParam, pathParam("tag")],
      get: { operationId: "getComponentTag", summary: "A tag's history, newest first; with ?at= the version it pointed to then", parameters: queryParams(atQuery), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
    },
  };
}

/** The model registry (issue 10). */
function registryPaths() {
  return {
    "/orgs/{slug}/models": {
      parameters: [slugParam],
      get: { operationId: "listModels", summary: "Registered models by name (q: name prefix)", parameters: queryParams(modelListQuery), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
      post: { operationId: "createModel", summary: "Register a model (owners, admins)", requestBody: body(modelInput), responses: { 201: obj, ...errors(400, 401, 403, 404, 409) } },
    },
    "/orgs/{slug}/models/{name}": {
      parameters: [slugParam, nameParam],
      get: { operationId: "getModel", summary: "A model: its versions and aliases", responses: { 200: obj, ...errors(401, 403, 404) } },
      delete: { operationId: "deleteModel", summary: "Delete a model with its versions and alias history (owners; admins: their own)", responses: { 204: ok("Deleted"), ...errors(401, 403, 404) } },
    },
    "/orgs/{slug}/models/{name}/versions": {
      parameters: [slugParam, nameParam],
      get: { operationId: "listModelVersions", summary: "Versions, newest first", responses: { 200: obj, ...errors(401, 403, 404) } },
      post: { operationId: "registerModelVersion", summary: "Register an immutable, numbered version with its inputs, outputs and artifact digests (owners, admins)", requestBody: body(modelVersionInput), responses: { 201: obj, ...errors(400, 401, 403, 404) } },
    },
    "/orgs/{slug}/models/{name}/aliases": {
      parameters: [slugParam, nameParam],
      get: { operationId: "listModelAliases", summary: "Aliases, the versions they point to, and their protection", responses: { 200: obj, ...errors(401, 403, 404) } },
      post: {
        operationId: "moveModelAliases",
        summary: "Move, create or remove several aliases at once, all or none; protected aliases move only for owners, admins and their team; `expected` refuses the move (409) when someone moved the alias first",
        requestBody: body(pointerMovesInput),
        responses: { 200: obj, ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/orgs/{slug}/models/{name}/aliases/{alias}": {
      parameters: [slugParam, nameParam, pathParam("alias")],
      get: { operationId: "getModelAlias", summary: "An alias's history, newest first; with ?at= the version it pointed to then", parameters: queryParams(atQuery), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
      patch: { operationId: "setModelAliasProtection", summary: "Protect an alias, optionally naming a team that may also move it, or lift the protection (owners, admins)", requestBody: body(aliasProtectionInput), responses: { 200: obj, ...errors(400, 401, 403, 404) } },
    },
  };
}
