CREATE TABLE "hub_component_tags" (
	"component_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version_id" uuid NOT NULL,
	"moved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hub_component_tags_component_id_name_pk" PRIMARY KEY("component_id","name")
);
--> statement-breakpoint
CREATE TABLE "hub_component_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"component_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"digest" text NOT NULL,
	"spec" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"readme" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_tag_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"from_version_id" uuid,
	"to_version_id" uuid,
	"actor_id" uuid,
	"actor_name" text,
	"reason" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_storage" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"tier" text DEFAULT 'free' NOT NULL,
	"live_bytes" bigint DEFAULT 0 NOT NULL,
	"deleted_bytes" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_alias_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"from_version_id" uuid,
	"to_version_id" uuid,
	"actor_id" uuid,
	"actor_name" text,
	"reason" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_model_aliases" (
	"model_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version_id" uuid NOT NULL,
	"protected" boolean DEFAULT false NOT NULL,
	"protected_team_id" uuid,
	"moved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "registry_model_aliases_model_id_name_pk" PRIMARY KEY("model_id","name")
);
--> statement-breakpoint
CREATE TABLE "registry_model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"artifacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_team_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hub_component_tags" ADD CONSTRAINT "hub_component_tags_component_id_hub_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."hub_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_component_tags" ADD CONSTRAINT "hub_component_tags_version_id_hub_component_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."hub_component_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_component_versions" ADD CONSTRAINT "hub_component_versions_component_id_hub_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."hub_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_component_versions" ADD CONSTRAINT "hub_component_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_components" ADD CONSTRAINT "hub_components_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_components" ADD CONSTRAINT "hub_components_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_tag_events" ADD CONSTRAINT "hub_tag_events_component_id_hub_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."hub_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_storage" ADD CONSTRAINT "org_storage_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_alias_events" ADD CONSTRAINT "registry_alias_events_model_id_registry_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registry_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_model_aliases" ADD CONSTRAINT "registry_model_aliases_model_id_registry_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registry_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_model_aliases" ADD CONSTRAINT "registry_model_aliases_version_id_registry_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."registry_model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_model_aliases" ADD CONSTRAINT "registry_model_aliases_protected_team_id_teams_id_fk" FOREIGN KEY ("protected_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD CONSTRAINT "registry_model_versions_model_id_registry_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registry_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD CONSTRAINT "registry_model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_models" ADD CONSTRAINT "registry_models_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_models" ADD CONSTRAINT "registry_models_owner_team_id_teams_id_fk" FOREIGN KEY ("owner_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_models" ADD CONSTRAINT "registry_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hub_component_versions_number_idx" ON "hub_component_versions" USING btree ("component_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_component_versions_digest_idx" ON "hub_component_versions" USING btree ("component_id","digest");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_components_org_name_idx" ON "hub_components" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "hub_tag_events_tag_at_idx" ON "hub_tag_events" USING btree ("component_id","tag","at");--> statement-breakpoint
CREATE INDEX "registry_alias_events_alias_at_idx" ON "registry_alias_events" USING btree ("model_id","alias","at");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_model_versions_number_idx" ON "registry_model_versions" USING btree ("model_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_models_org_name_idx" ON "registry_models" USING btree ("org_id","name");