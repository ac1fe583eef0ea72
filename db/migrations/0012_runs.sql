CREATE TYPE "public"."artifact_direction" AS ENUM('input', 'output');--> statement-breakpoint
CREATE TYPE "public"."run_kind" AS ENUM('experiment', 'job', 'service', 'pipeline');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('created', 'queued', 'running', 'stopping', 'stopped', 'succeeded', 'failed', 'lost');--> statement-breakpoint
CREATE TABLE "run_artifacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"path" text NOT NULL,
	"kind" text DEFAULT 'file' NOT NULL,
	"size" bigint NOT NULL,
	"digest" text NOT NULL,
	"direction" "artifact_direction" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_artifacts_size_nonnegative" CHECK ("run_artifacts"."size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "run_conditions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"from_status" "run_status",
	"to_status" "run_status" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_lineage" (
	"upstream_run_id" uuid NOT NULL,
	"downstream_run_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_lineage_upstream_run_id_downstream_run_id_pk" PRIMARY KEY("upstream_run_id","downstream_run_id"),
	CONSTRAINT "run_lineage_not_self" CHECK ("run_lineage"."upstream_run_id" <> "run_lineage"."downstream_run_id")
);
--> statement-breakpoint
CREATE TABLE "run_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" uuid NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" "run_kind" DEFAULT 'experiment' NOT NULL,
	"status" "run_status" DEFAULT 'created' NOT NULL,
	"creator_id" uuid,
	"run_token_id" uuid,
	"inputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"component_digest" text,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD COLUMN "source_run_id" uuid;--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD COLUMN "source_project_id" uuid;--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD COLUMN "source" jsonb;--> statement-breakpoint
ALTER TABLE "run_artifacts" ADD CONSTRAINT "run_artifacts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_artifacts" ADD CONSTRAINT "run_artifacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_conditions" ADD CONSTRAINT "run_conditions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_lineage" ADD CONSTRAINT "run_lineage_upstream_run_id_runs_id_fk" FOREIGN KEY ("upstream_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_lineage" ADD CONSTRAINT "run_lineage_downstream_run_id_runs_id_fk" FOREIGN KEY ("downstream_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_lineage" ADD CONSTRAINT "run_lineage_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_tokens" ADD CONSTRAINT "run_tokens_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_tokens" ADD CONSTRAINT "run_tokens_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_tokens" ADD CONSTRAINT "run_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_run_token_id_run_tokens_id_fk" FOREIGN KEY ("run_token_id") REFERENCES "public"."run_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "run_artifacts_path_idx" ON "run_artifacts" USING btree ("run_id","path","direction");--> statement-breakpoint
CREATE INDEX "run_conditions_run_idx" ON "run_conditions" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "run_lineage_downstream_idx" ON "run_lineage" USING btree ("downstream_run_id");--> statement-breakpoint
CREATE INDEX "run_tokens_project_idx" ON "run_tokens" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_project_number_idx" ON "runs" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "runs_project_status_idx" ON "runs" USING btree ("project_id","status","number");--> statement-breakpoint
CREATE INDEX "runs_project_creator_idx" ON "runs" USING btree ("project_id","creator_id","number");--> statement-breakpoint
CREATE INDEX "runs_project_kind_idx" ON "runs" USING btree ("project_id","kind","number");--> statement-breakpoint
CREATE INDEX "runs_tags_idx" ON "runs" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "runs_project_metric_idx" ON "runs" USING btree ("project_id",(case when jsonb_typeof("outputs" -> 'metric') = 'number' then ("outputs" ->> 'metric')::numeric end),"id");--> statement-breakpoint
CREATE INDEX "runs_component_digest_idx" ON "runs" USING btree ("org_id","component_digest") WHERE "runs"."component_digest" is not null;--> statement-breakpoint
CREATE INDEX "runs_deleted_idx" ON "runs" USING btree ("org_id","deleted_at") WHERE "runs"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "runs_org_bytes_idx" ON "runs" USING btree ("org_id","bytes") WHERE "runs"."bytes" > 0;--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD CONSTRAINT "registry_model_versions_source_run_id_runs_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_model_versions" ADD CONSTRAINT "registry_model_versions_source_project_id_projects_id_fk" FOREIGN KEY ("source_project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_model_versions_source_run_idx" ON "registry_model_versions" USING btree ("source_run_id");