import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ORG_ROLES, ORG_VISIBILITIES, PROJECT_ROLES, PROJECT_VISIBILITIES, TEAM_ROLES } from "../lib/authz/roles";
import { RUN_KINDS, RUN_STATUSES } from "../lib/runs/status";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

// The ladders come from lib/authz, highest first: PostgreSQL orders enum values as declared, so
// least() of two roles is the higher one (lib/authz/visible.ts relies on it).
export const orgRole = pgEnum("org_role", ORG_ROLES);
export const orgVisibility = pgEnum("org_visibility", ORG_VISIBILITIES);
export const projectVisibility = pgEnum("project_visibility", PROJECT_VISIBILITIES);
export const projectRole = pgEnum("project_role", PROJECT_ROLES);
export const teamRole = pgEnum("team_role", TEAM_ROLES);
export const joinMethod = pgEnum("join_method", ["created", "invitation", "open_join", "sso", "seed"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // Always stored lower-cased (DESIGN §6); unique.
    email: text("email").notNull().unique(),
    emailVerifiedAt: ts("email_verified_at"),
    passwordHash: text("password_hash"),
    lastOrgId: uuid("last_org_id"),
    disabledAt: ts("disabled_at"),
    createdAt: createdAt(),
  },
  // Member lists sort by name and search by the start of a name or an email: byte order ("C") keeps
  // both the ordering and LIKE 'prefix%' on one index, the same on every server's default collation.
  (t) => [
    index("users_name_order_idx").on(sql`lower(${t.name}) collate "C"`, t.id),
    index("users_email_prefix_idx").on(sql`${t.email} collate "C"`),
  ],
);

// Only an HMAC of the cookie value is stored: a leaked table holds no usable session.
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: ts("expires_at").notNull(),
    lastUsedAt: ts("last_used_at").notNull().defaultNow(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    // How the person signed in: "password" (also email links), or the SSO provider's key.
    method: text("method").notNull().default("password"),
    // The organization whose identity provider vouched for the user's address at this sign-in: its
    // word counts for that organization only (its invitations and open join), never beyond.
    emailVouchedBy: uuid("email_vouched_by").references(() => organizations.id, { onDelete: "set null" }),
    // When the person last proved who they are in this session (signing in, or re-entering the
    // password): sensitive changes need it recent ("sudo mode").
    authenticatedAt: ts("authenticated_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    // First characters of the token, shown in lists so people can tell tokens apart.
    prefix: text("prefix").notNull(),
    // The sign-in method of the session that created the token: an organization that requires SSO
    // accepts tokens created during an SSO session.
    method: text("method").notNull().default("password"),
    // Scopes: read-only, and the API areas it may touch (null: every area). orgId: usable in that
    // organization only (null: wherever its owner is a member).
    readOnly: boolean("read_only").notNull().default(false),
    areas: text("areas").array(),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    expiresAt: ts("expires_at"),
    lastUsedAt: ts("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("pat_user_idx").on(t.userId)],
);

// Single-use email links: verification, password reset, and confirming an SSO identity link.
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify_email", "reset_password", "link_identity"] }).notNull(),
    email: text("email").notNull(),
    // What the link confirms, for purposes that need more than the user (the identity to link).
    payload: jsonb("payload"),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId, t.purpose)],
);

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  description: text("description").notNull().default(""),
  website: text("website").notNull().default(""),
  visibility: orgVisibility("visibility").notNull().default("private"),
  // The visibility a new project starts with (DESIGN §3: internal unless the owners choose otherwise).
  defaultProjectVisibility: projectVisibility("default_project_visibility").notNull().default("internal"),
  createdAt: createdAt(),
  // Deleted by an owner: hidden everywhere and restorable until the background purge removes it.
  deletedAt: ts("deleted_at"),
});

// Old slugs keep redirecting to the organization after a rename, until another organization takes
// the slug; nobody else may take it before held_until.
export const orgSlugRedirects = pgTable("org_slug_redirects", {
  slug: text("slug").primaryKey(),
  orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
  heldUntil: ts("held_until").notNull().defaultNow(),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: orgRole("role").notNull(),
    joinedVia: joinMethod("joined_via").notNull(),
    // lower(users.name), kept by triggers (migration 0009): members list in name order on an index of
    // their own organization, however many people the instance holds.
    sortKey: text("sort_key").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    index("memberships_org_role_idx").on(t.orgId, t.role),
    index("memberships_org_sort_idx").on(t.orgId, sql`${t.sortKey} collate "C"`, t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    // What it offers: a membership with an org role, or (an outside collaborator's invitation) one
    // project with a project role and no membership. The CHECK below keeps exactly one.
    role: orgRole("role"),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    projectRole: projectRole("project_role"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    // The outbox row of the last invitation mail: whether delivery succeeded. No foreign key, so the
    // invitation and its mail can be written in either order within one transaction.
    mailId: uuid("mail_id"),
    acceptedAt: ts("accepted_at"),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    declinedAt: ts("declined_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    // One open invitation per address and organization (DESIGN §4); expired ones stay open until
    // they are resent, revoked or replaced.
    uniqueIndex("invitations_open_email_idx")
      .on(t.orgId, sql`lower(${t.email})`)
      .where(sql`${t.projectId} is null and ${t.acceptedAt} is null and ${t.revokedAt} is null and ${t.declinedAt} is null`),
    // And one open invitation per address and project.
    uniqueIndex("invitations_open_project_email_idx")
      .on(t.projectId, sql`lower(${t.email})`)
      .where(sql`${t.projectId} is not null and ${t.acceptedAt} is null and ${t.revokedAt} is null and ${t.declinedAt} is null`),
    index("invitations_project_created_idx").on(t.projectId, t.createdAt, t.id),
    check(
      "invitations_one_offer",
      sql`(${t.projectId} is null and ${t.role} is not null and ${t.projectRole} is null) or (${t.projectId} is not null and ${t.role} is null and ${t.projectRole} is not null)`,
    ),
    index("invitations_org_created_idx").on(t.orgId, t.createdAt, t.id),
    index("invitations_email_idx").on(sql`lower(${t.email})`),
    index("invitations_inviter_idx").on(t.invitedBy),
  ],
);

// People removed from an organization: open join and SSO sign-in do not bring them back; an
// accepted invitation does (and clears the row).
export const orgRemovedMembers = pgTable(
  "org_removed_members",
  {
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

// How people sign in to and join an organization (DESIGN §5). No row: invitation only, any sign-in.
export const orgAuthSettings = pgTable("org_auth_settings", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  // Instance OAuth providers the organization accepts as SSO ("github", "google", …).
  providers: text("providers").array().notNull().default(sql`'{}'::text[]`),
  openJoin: boolean("open_join").notNull().default(false),
  defaultRole: orgRole("default_role").notNull().default("member"),
  requireSso: boolean("require_sso").notNull().default(false),
  // The organization's own OpenID Connect provider; all null when it has none.
  oidcIssuer: text("oidc_issuer"),
  oidcClientId: text("oidc_client_id"),
  // Sealed (AES-256-GCM under a key derived from AUTH_SECRET); never leaves the server.
  oidcClientSecret: text("oidc_client_secret"),
  oidcDisplayName: text("oidc_display_name"),
  oidcEmailClaim: text("oidc_email_claim").notNull().default("email"),
  oidcGroupsClaim: text("oidc_groups_claim"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// Email domains an organization claims. Pending until a DNS TXT record holding the claim's token is
// found; only verified ones say where "Sign in with SSO" sends an address, which addresses the
// organization's identity provider may assert, and who may join by open join. Several organizations
// may claim a domain; one at most holds it verified.
export const orgDomains = pgTable(
  "org_domains",
  {
    domain: text("domain").notNull(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    token: text("token").notNull().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    verifiedAt: ts("verified_at"),
    lastCheckedAt: ts("last_checked_at"),
    // Why the last check did not find the record, in words for the owner.
    lastCheckError: text("last_check_error"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.domain] }),
    uniqueIndex("org_domains_verified_idx").on(t.domain).where(sql`${t.verifiedAt} is not null`),
    index("org_domains_domain_idx").on(t.domain),
    index("org_domains_check_idx").on(t.lastCheckedAt),
  ],
);

// A sign-in identity at an identity provider, keyed by (provider, subject), never by email. provider
// is an instance provider's id or "org-<organization id>" for an organization's own provider.
export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    // As the provider last asserted them.
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull(),
    groups: jsonb("groups").$type<string[]>(),
    createdAt: createdAt(),
    lastSignInAt: ts("last_sign_in_at"),
  },
  (t) => [
    uniqueIndex("identities_provider_subject_idx").on(t.provider, t.subject),
    index("identities_user_idx").on(t.userId),
    index("identities_org_idx").on(t.orgId),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    // Members of a child team receive the parent's project grants, at any depth; cycles are refused
    // by lib/teams under the organization's lock. A deleted parent leaves its children at the top.
    parentId: uuid("parent_id").references((): AnyPgColumn => teams.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("teams_org_slug_idx").on(t.orgId, t.slug), index("teams_parent_idx").on(t.parentId)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: teamRole("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    visibility: projectVisibility("visibility").notNull().default("internal"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // Archived projects are read-only until unarchived; every grant stays.
    archivedAt: ts("archived_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("projects_org_slug_idx").on(t.orgId, t.slug)],
);

// A grant goes to exactly one of a user or a team (the CHECK says so).
export const projectGrants = pgTable(
  "project_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "cascade" }),
    role: projectRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("project_grants_user_idx").on(t.projectId, t.userId),
    uniqueIndex("project_grants_team_idx").on(t.projectId, t.teamId),
    index("project_grants_grantee_user_idx").on(t.userId),
    index("project_grants_grantee_team_idx").on(t.teamId),
    check("project_grants_one_grantee", sql`num_nonnulls(${t.userId}, ${t.teamId}) = 1`),
  ],
);

// Append-only. org_id is deliberately not a foreign key: the trail outlives a deleted organization.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    // The request that made the change (x-request-id), to find it in the logs.
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_org_idx").on(t.orgId, t.id),
    index("audit_org_action_idx").on(t.orgId, t.action, t.id),
    index("audit_org_actor_idx").on(t.orgId, t.actorId, t.id),
  ],
);

export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    // sending: claimed by one process until lease_until; an expired lease goes back to pending.
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    leaseUntil: ts("lease_until"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

// Fixed-window counters shared by every app instance.
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: ts("window_start").notNull(),
});

// ---------------------------------------------------------------------------------------------
// Accounts and security (issue 9): sign-in throttling per (account, client), token policies.
// ---------------------------------------------------------------------------------------------

// The longest an access token may act in an organization, set by its owners (no row: no limit).
export const orgTokenPolicies = pgTable("org_token_policies", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  maxTokenDays: integer("max_token_days").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type JoinMethod = (typeof joinMethod.enumValues)[number];

// ---------------------------------------------------------------------------------------------
// Component hub and model registry (issue 10): org-level entries with immutable versions and
// movable pointers (component tags, model aliases) whose every move is an append-only event.
// ---------------------------------------------------------------------------------------------

export const hubComponents = pgTable(
  "hub_components",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    readme: text("readme").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("hub_components_org_name_idx").on(t.orgId, t.name)],
);

// Immutable: the digest is the SHA-256 of the normalized spec, so one spec is one version.
export const hubComponentVersions = pgTable(
  "hub_component_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    componentId: uuid("component_id").notNull().references(() => hubComponents.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    digest: text("digest").notNull(),
    spec: jsonb("spec").notNull(),
    source: text("source").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("hub_component_versions_number_idx").on(t.componentId, t.number), uniqueIndex("hub_component_versions_digest_idx").on(t.componentId, t.digest)],
);

export const hubComponentTags = pgTable(
  "hub_component_tags",
  {
    componentId: uuid("component_id").notNull().references(() => hubComponents.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    versionId: uuid("version_id").notNull().references(() => hubComponentVersions.id),
    movedAt: ts("moved_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.name] })],
);

// Append-only (trigger in the hub_registry_append_only migration). to_version_id null: removed.
export const hubTagEvents = pgTable(
  "hub_tag_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: uuid("component_id").notNull().references(() => hubComponents.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    fromVersionId: uuid("from_version_id"),
    toVersionId: uuid("to_version_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    reason: text("reason").notNull().default(""),
    at: ts("at").notNull(),
  },
  (t) => [index("hub_tag_events_tag_at_idx").on(t.componentId, t.tag, t.at)],
);

export const registryModels = pgTable(
  "registry_models",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    ownerTeamId: uuid("owner_team_id").references(() => teams.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("registry_models_org_name_idx").on(t.orgId, t.name)],
);

// Immutable: what the version was made from is fixed at registration.
export const registryModelVersions = pgTable(
  "registry_model_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id").notNull().references(() => registryModels.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    description: text("description").notNull().default(""),
    inputs: jsonb("inputs").notNull().default({}),
    outputs: jsonb("outputs").notNull().default({}),
    artifacts: jsonb("artifacts").notNull().default([]),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    // Promoted from a run: the run and its project while they exist (purging the run keeps the
    // version), and `source`, a snapshot of where it came from that outlives them.
    sourceRunId: uuid("source_run_id").references((): AnyPgColumn => runs.id, { onDelete: "set null" }),
    sourceProjectId: uuid("source_project_id").references(() => projects.id, { onDelete: "set null" }),
    source: jsonb("source"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("registry_model_versions_number_idx").on(t.modelId, t.number), index("registry_model_versions_source_run_idx").on(t.sourceRunId)],
);

// A protected alias moves only for owners and admins, or for members of protected_team_id.
export const registryModelAliases = pgTable(
  "registry_model_aliases",
  {
    modelId: uuid("model_id").notNull().references(() => registryModels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    versionId: uuid("version_id").notNull().references(() => registryModelVersions.id),
    protected: boolean("protected").notNull().default(false),
    protectedTeamId: uuid("protected_team_id").references(() => teams.id, { onDelete: "set null" }),
    movedAt: ts("moved_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.name] })],
);

// Append-only, like hub_tag_events: "what was @production at T" is the last event at or before T.
export const registryAliasEvents = pgTable(
  "registry_alias_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    modelId: uuid("model_id").notNull().references(() => registryModels.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    fromVersionId: uuid("from_version_id"),
    toVersionId: uuid("to_version_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    reason: text("reason").notNull().default(""),
    at: ts("at").notNull(),
  },
  (t) => [index("registry_alias_events_alias_at_idx").on(t.modelId, t.alias, t.at)],
);

// Storage (issue 10 §4): each organization's tier and exact usage, updated in the transaction that
// writes or deletes the artifacts, under this row's lock. bytes of registry versions live on the version.
export const orgStorage = pgTable("org_storage", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  tier: text("tier").notNull().default("free"),
  liveBytes: bigint("live_bytes", { mode: "number" }).notNull().default(0),
  deletedBytes: bigint("deleted_bytes", { mode: "number" }).notNull().default(0),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// Runs (issue 10 §1): records of experiments, jobs, services and pipelines in a project, written
// by clients through the API with personal access tokens or the project's run tokens.
// ---------------------------------------------------------------------------------------------

export const runKind = pgEnum("run_kind", RUN_KINDS);
export const runStatus = pgEnum("run_status", RUN_STATUSES);
export const artifactDirection = pgEnum("artifact_direction", ["input", "output"]);

// A project's run token: only its hash is stored; it creates and updates runs of that project only.
export const runTokens = pgTable(
  "run_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by").notNull().references(() => users.id, { onDelete: "cascade" }),
    lastUsedAt: ts("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("run_tokens_project_idx").on(t.projectId, t.createdAt)],
);

/** The summary metric a list sorts by, when it is a number (never fails: anything else is null). */
export const runMetricSql = (outputs: AnyPgColumn | ReturnType<typeof sql>, key: string) =>
  sql`(case when jsonb_typeof(${outputs} -> ${sql.raw(`'${key.replace(/'/g, "''")}'`)}) = 'number' then (${outputs} ->> ${sql.raw(`'${key.replace(/'/g, "''")}'`)})::numeric end)`;

// number: per project, from 1, in creation order (the keyset of the default list). bytes: the sum
// of its artifacts' sizes, counted live in org_storage until the run is deleted, then apart.
export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull().default(""),
    description: text("description").notNull().default(""),
    kind: runKind("kind").notNull().default("experiment"),
    status: runStatus("status").notNull().default("created"),
    creatorId: uuid("creator_id").references(() => users.id, { onDelete: "set null" }),
    runTokenId: uuid("run_token_id").references(() => runTokens.id, { onDelete: "set null" }),
    inputs: jsonb("inputs").notNull().default({}),
    outputs: jsonb("outputs").notNull().default({}),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // The hub component version it ran, by digest (the hub's reverse index reads this).
    componentDigest: text("component_digest"),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
    archivedAt: ts("archived_at"),
    deletedAt: ts("deleted_at"),
  },
  (t) => [
    uniqueIndex("runs_project_number_idx").on(t.projectId, t.number),
    index("runs_project_status_idx").on(t.projectId, t.status, t.number),
    index("runs_project_creator_idx").on(t.projectId, t.creatorId, t.number),
    index("runs_project_kind_idx").on(t.projectId, t.kind, t.number),
    index("runs_tags_idx").using("gin", t.tags),
    index("runs_project_metric_idx").on(t.projectId, runMetricSql(t.outputs, "metric"), t.id),
    index("runs_component_digest_idx").on(t.orgId, t.componentDigest).where(sql`${t.componentDigest} is not null`),
    index("runs_deleted_idx").on(t.orgId, t.deletedAt).where(sql`${t.deletedAt} is not null`),
    // The storage page's largest runs.
    index("runs_org_bytes_idx").on(t.orgId, t.bytes).where(sql`${t.bytes} > 0`),
  ],
);

// Append-only (trigger in the runs custom migration): every status a run took, who set it and why.
export const runConditions = pgTable(
  "run_conditions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    from: runStatus("from_status"),
    to: runStatus("to_status").notNull(),
    reason: text("reason").notNull().default(""),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("run_conditions_run_idx").on(t.runId, t.id)],
);

// upstream → downstream, within one organization; never a run to itself, never a cycle (checked
// in the transaction that adds the edge, under the organization's lineage lock).
export const runLineage = pgTable(
  "run_lineage",
  {
    upstreamRunId: uuid("upstream_run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    downstreamRunId: uuid("downstream_run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.upstreamRunId, t.downstreamRunId] }),
    index("run_lineage_downstream_idx").on(t.downstreamRunId),
    check("run_lineage_not_self", sql`${t.upstreamRunId} <> ${t.downstreamRunId}`),
  ],
);

export const runArtifacts = pgTable(
  "run_artifacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    kind: text("kind").notNull().default("file"),
    size: bigint("size", { mode: "number" }).notNull(),
    digest: text("digest").notNull(),
    direction: artifactDirection("direction").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("run_artifacts_path_idx").on(t.runId, t.path, t.direction),
    check("run_artifacts_size_nonnegative", sql`${t.size} >= 0`),
  ],
);
