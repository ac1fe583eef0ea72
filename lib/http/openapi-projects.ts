import { PROJECT_ROLES, PROJECT_VISIBILITIES, TEAM_ROLES, ORG_ROLES, RULES } from "@/lib/authz";
import { projectInvitationInput } from "@/lib/invitations/schemas";
import { accessQuery, createProjectInput, deleteProjectInput, grantInput, projectListQuery, updateProjectInput } from "@/lib/projects/schemas";
import { keysetQuery } from "@/lib/pagination";
import { createTeamInput, teamListQuery, teamMemberInput, updateTeamInput } from "@/lib/teams/schemas";
import { body, errors, ok, page, pathParam, queryParams, slugParam } from "./openapi-helpers";

// The OpenAPI entries for teams and projects (issue 8). Summaries that state a permission take it
// from the rule's description in lib/authz, so the document and the policy say the same.
const teamParam = pathParam("team");
const projectParam = pathParam("project");
const userParam = pathParam("userId", "uuid");
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (s: object) => ({ anyOf: [s, { type: "null" }] });
const teamRef = { type: "object", properties: { id: { type: "string", format: "uuid" }, slug: { type: "string" }, name: { type: "string" } } };
const who = (action: keyof typeof RULES) => ` (${RULES[action].describe.toLowerCase()})`;

const team = {
  type: "object",
  properties: { ...teamRef.properties, description: { type: "string" }, parent: nullable(teamRef), createdAt: { type: "string", format: "date-time" } },
};
const project = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    slug: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    visibility: { enum: [...PROJECT_VISIBILITIES] },
    effectiveVisibility: { enum: [...PROJECT_VISIBILITIES], description: "A public project of a private organization counts as internal." },
    archived: { type: "boolean" },
    createdAt: { type: "string", format: "date-time" },
  },
};
const source = {
  type: "object",
  description: "One source of a project role: the organization role, a direct grant, a team grant (path: granted team down to the person's team), or public read.",
  properties: { via: { enum: ["org", "direct", "team", "public"] }, role: { enum: [...PROJECT_ROLES] }, orgRole: { enum: [...ORG_ROLES] }, team: teamRef, path: { type: "array", items: { type: "string" } } },
};
const access = { type: "object", properties: { role: { enum: [...PROJECT_ROLES, null] }, sources: { type: "array", items: ref("RoleSource") }, winner: nullable(ref("RoleSource")) } };

export const PROJECT_SCHEMAS = {
  Team: team,
  TeamListItem: { type: "object", properties: { ...team.properties, members: { type: "integer" }, projects: { type: "integer" } } },
  TeamListPage: page("TeamListItem"),
  TeamDetail: {
    type: "object",
    properties: {
      ...team.properties,
      children: { type: "array", items: teamRef },
      viewerRole: { enum: [...TEAM_ROLES, null] },
      can: { type: "object", properties: { edit: { type: "boolean" }, manageMembers: { type: "boolean" }, delete: { type: "boolean" } } },
    },
  },
  TeamMember: { type: "object", properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, email: { type: "string" }, teamRole: { enum: [...TEAM_ROLES] }, orgRole: { enum: [...ORG_ROLES] } } },
  TeamMemberPage: page("TeamMember"),
  TeamProjects: { type: "object", properties: { items: { type: "array", items: { type: "object", properties: { ...project.properties, role: { enum: [...PROJECT_ROLES] }, via: teamRef } } } } },
  Project: project,
  ProjectListItem: { type: "object", properties: { ...project.properties, role: { enum: [...PROJECT_ROLES] } } },
  ProjectPage: page("ProjectListItem"),
  RoleSource: source,
  ProjectAccess: access,
  ProjectDetail: {
    type: "object",
    properties: {
      ...project.properties,
      role: { enum: [...PROJECT_ROLES] },
      access: ref("ProjectAccess"),
      visibilityNote: { type: ["string", "null"] },
      can: { type: "object", properties: { write: { type: "boolean" }, admin: { type: "boolean" }, grant: { type: "boolean" }, delete: { type: "boolean" } } },
    },
  },
  AccessEntry: {
    type: "object",
    properties: { user: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" } } }, orgRole: { enum: [...ORG_ROLES, null] }, ...access.properties },
  },
  AccessPage: page("AccessEntry"),
  CollaboratorGrant: { type: "object", properties: { userId: { type: "string", format: "uuid" }, role: { enum: [...PROJECT_ROLES] }, access: ref("ProjectAccess"), note: { type: ["string", "null"] } } },
  TeamGrant: { type: "object", properties: { team: teamRef, role: { enum: [...PROJECT_ROLES] } } },
  ProjectInvitation: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      email: { type: "string" },
      role: { enum: [...PROJECT_ROLES] },
      invitedBy: { type: "object", properties: { id: { type: ["string", "null"] }, name: { type: ["string", "null"] } } },
      createdAt: { type: "string", format: "date-time" },
      expiresAt: { type: "string", format: "date-time" },
      expired: { type: "boolean" },
      delivery: { enum: ["sending", "sent", "failed"] },
    },
  },
  ProjectInvitationPage: page("ProjectInvitation"),
  ProjectInviteResult: {
    type: "object",
    description: "invited or renewed: an invitation was mailed; granted: the address belongs to an organization member (or a collaborator of the project), who got the role directly.",
    properties: {
      outcome: { enum: ["invited", "renewed", "granted"] },
      email: { type: "string" },
      role: { enum: [...PROJECT_ROLES] },
      message: { type: "string" },
      invitation: { type: "object", properties: { id: { type: "string", format: "uuid" }, expiresAt: { type: "string", format: "date-time" } } },
      grant: ref("CollaboratorGrant"),
    },
  },
  PublicProfile: {
    type: "object",
    properties: {
      name: { type: "string" },
      slug: { type: "string" },
      description: { type: "string" },
      website: { type: "string" },
      projects: { type: "array", items: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" }, description: { type: "string" }, tags: { type: "array", items: { type: "string" } } } } },
    },
  },
};

export const PROJECT_PATHS = {
  "/orgs/{slug}/profile": {
    parameters: [slugParam],
    get: { operationId: "getPublicProfile", summary: "A public organization's profile and public projects, for anyone", security: [], responses: { 200: ok("The profile", "PublicProfile"), ...errors(404) } },
  },
  "/orgs/{slug}/teams": {
    parameters: [slugParam],
    get: { operationId: "listTeams", summary: "Teams by slug with member and project counts; search by name or slug", parameters: queryParams(teamListQuery), responses: { 200: ok("A page of teams", "TeamListPage"), ...errors(400, 401, 403, 404) } },
    post: { operationId: "createTeam", summary: `Create a team${who("team.create")}; you become its maintainer`, requestBody: body(createTeamInput), responses: { 201: ok("Created", "Team"), ...errors(400, 401, 403, 404, 409) } },
  },
  "/orgs/{slug}/teams/{team}": {
    parameters: [slugParam, teamParam],
    get: { operationId: "getTeam", summary: "A team, its parent and child teams, and what you may do with it", responses: { 200: ok("The team", "TeamDetail"), ...errors(401, 403, 404) } },
    patch: { operationId: "updateTeam", summary: `Edit a team${who("team.update")}; a parent inside the team is refused`, requestBody: body(updateTeamInput), responses: { 200: ok("Updated", "Team"), ...errors(400, 401, 403, 404, 409) } },
    delete: { operationId: "deleteTeam", summary: `Delete a team${who("team.delete")}; child teams move to the top`, responses: { 204: ok("Deleted"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/teams/{team}/members": {
    parameters: [slugParam, teamParam],
    get: { operationId: "listTeamMembers", summary: "The team's members by name, with team and organization roles", parameters: queryParams(keysetQuery), responses: { 200: ok("A page of members", "TeamMemberPage"), ...errors(400, 401, 403, 404) } },
  },
  "/orgs/{slug}/teams/{team}/members/{userId}": {
    parameters: [slugParam, teamParam, userParam],
    put: { operationId: "setTeamMember", summary: `Add an organization member or change their team role${who("team.members.manage")}`, requestBody: body(teamMemberInput), responses: { 200: ok("Saved", "TeamMember"), ...errors(400, 401, 403, 404) } },
    delete: { operationId: "removeTeamMember", summary: "Take someone off the team (maintainers, owners, admins; anyone may leave)", responses: { 204: ok("Removed"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/teams/{team}/projects": {
    parameters: [slugParam, teamParam],
    get: { operationId: "listTeamProjects", summary: "Projects the team's members receive through it (its own and its parents' grants)", responses: { 200: ok("The projects", "TeamProjects"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/projects": {
    parameters: [slugParam],
    get: { operationId: "listProjects", summary: "Projects you may see, by slug, with your role on each", parameters: queryParams(projectListQuery), responses: { 200: ok("A page of projects", "ProjectPage"), ...errors(400, 401, 403, 404) } },
    post: { operationId: "createProject", summary: `Create a project${who("project.create")}; visibility defaults to the organization's setting`, requestBody: body(createProjectInput), responses: { 201: ok("Created", "Project"), ...errors(400, 401, 403, 404, 409) } },
  },
  "/orgs/{slug}/projects/{project}": {
    parameters: [slugParam, projectParam],
    get: { operationId: "getProject", summary: "A project, your role on it with every source, and what you may do", security: [], responses: { 200: ok("The project", "ProjectDetail"), ...errors(401, 404) } },
    patch: { operationId: "updateProject", summary: `Edit a project${who("project.admin")}; refused while archived`, requestBody: body(updateProjectInput), responses: { 200: ok("Updated", "Project"), ...errors(400, 401, 403, 404, 409) } },
    delete: { operationId: "deleteProject", summary: `Delete a project${who("project.delete")}; confirm with its slug`, requestBody: body(deleteProjectInput), responses: { 204: ok("Deleted"), ...errors(400, 401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/archive": {
    parameters: [slugParam, projectParam],
    post: { operationId: "archiveProject", summary: "Make the project read-only, keeping every grant (project admins; idempotent)", responses: { 200: ok("Archived", "Project"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/unarchive": {
    parameters: [slugParam, projectParam],
    post: { operationId: "unarchiveProject", summary: "Make an archived project writable again (project admins; idempotent)", responses: { 200: ok("Unarchived", "Project"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/access": {
    parameters: [slugParam, projectParam],
    get: {
      operationId: "listProjectAccess",
      summary: "Everyone with access and why (project admins); ?format=csv for the whole list as CSV",
      parameters: [...queryParams(accessQuery), { name: "format", in: "query", required: false, schema: { enum: ["json", "csv"] } }],
      responses: { 200: ok("A page of people with their sources", "AccessPage"), ...errors(400, 401, 403, 404) },
    },
  },
  "/orgs/{slug}/projects/{project}/access/{userId}": {
    parameters: [slugParam, projectParam, userParam],
    get: { operationId: "checkProjectAccess", summary: "One person's effective role and its sources (project admins)", responses: { 200: ok("Their access", "AccessEntry"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/collaborators/{userId}": {
    parameters: [slugParam, projectParam, userParam],
    put: { operationId: "setCollaborator", summary: `Grant a member or collaborator a role directly${who("project.grant")}; never lowers inherited access`, requestBody: body(grantInput), responses: { 200: ok("Saved", "CollaboratorGrant"), ...errors(400, 401, 403, 404) } },
    delete: { operationId: "removeCollaborator", summary: "Remove a direct grant (project admins)", responses: { 204: ok("Removed"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/invitations": {
    parameters: [slugParam, projectParam],
    get: { operationId: "listProjectInvitations", summary: "Open invitations of outside collaborators to the project, newest first (project admins)", parameters: queryParams(keysetQuery), responses: { 200: ok("A page of invitations", "ProjectInvitationPage"), ...errors(400, 401, 403, 404) } },
    post: {
      operationId: "inviteToProject",
      summary: `Invite an outside collaborator by email to this project only${who("project.grant")}; an organization member gets the role directly, without an invitation`,
      requestBody: body(projectInvitationInput),
      responses: { 201: ok("Invited, or granted directly", "ProjectInviteResult"), ...errors(400, 401, 403, 404, 409, 429) },
    },
  },
  "/orgs/{slug}/projects/{project}/invitations/{id}": {
    parameters: [slugParam, projectParam, pathParam("id", "uuid")],
    delete: { operationId: "revokeProjectInvitation", summary: "Revoke a pending project invitation: its link stops working (project admins)", responses: { 204: ok("Revoked"), ...errors(401, 403, 404) } },
  },
  "/orgs/{slug}/projects/{project}/invitations/{id}/resend": {
    parameters: [slugParam, projectParam, pathParam("id", "uuid")],
    post: { operationId: "resendProjectInvitation", summary: "Send a project invitation again with a new link and expiry; the old link stops working (project admins)", responses: { 204: ok("Sent"), ...errors(401, 403, 404, 429) } },
  },
  "/orgs/{slug}/projects/{project}/teams/{team}": {
    parameters: [slugParam, projectParam, teamParam],
    put: { operationId: "setTeamGrant", summary: `Grant a team a role; its child teams receive it too${who("project.grant")}`, requestBody: body(grantInput), responses: { 200: ok("Saved", "TeamGrant"), ...errors(400, 401, 403, 404) } },
    delete: { operationId: "removeTeamGrant", summary: "Remove a team's grant (project admins)", responses: { 204: ok("Removed"), ...errors(401, 403, 404) } },
  },
};
