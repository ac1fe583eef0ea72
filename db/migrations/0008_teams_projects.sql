CREATE TYPE "public"."team_role" AS ENUM('maintainer', 'member');--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "visibility" SET DEFAULT 'internal';--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "sort_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "default_project_visibility" "project_visibility" DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "role" "team_role" DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_id_teams_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_org_sort_idx" ON "memberships" USING btree ("org_id","sort_key" collate "C","user_id");--> statement-breakpoint
CREATE INDEX "project_grants_grantee_team_idx" ON "project_grants" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "teams_parent_idx" ON "teams" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "project_grants" ADD CONSTRAINT "project_grants_one_grantee" CHECK (num_nonnulls("project_grants"."user_id", "project_grants"."team_id") = 1);