DROP INDEX "invitations_open_email_idx";--> statement-breakpoint
ALTER TABLE "invitations" ALTER COLUMN "role" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "project_role" "project_role";--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_project_email_idx" ON "invitations" USING btree ("project_id",lower("email")) WHERE "invitations"."project_id" is not null and "invitations"."accepted_at" is null and "invitations"."revoked_at" is null and "invitations"."declined_at" is null;--> statement-breakpoint
CREATE INDEX "invitations_project_created_idx" ON "invitations" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_email_idx" ON "invitations" USING btree ("org_id",lower("email")) WHERE "invitations"."project_id" is null and "invitations"."accepted_at" is null and "invitations"."revoked_at" is null and "invitations"."declined_at" is null;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_one_offer" CHECK (("invitations"."project_id" is null and "invitations"."role" is not null and "invitations"."project_role" is null) or ("invitations"."project_id" is not null and "invitations"."role" is null and "invitations"."project_role" is not null));