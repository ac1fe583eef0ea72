DROP INDEX "org_domains_org_idx";--> statement-breakpoint
-- drizzle-kit cannot name the old primary key: PostgreSQL (and PGlite) named it org_domains_pkey.
ALTER TABLE "org_domains" DROP CONSTRAINT "org_domains_pkey";--> statement-breakpoint
ALTER TABLE "org_domains" ADD CONSTRAINT "org_domains_org_id_domain_pk" PRIMARY KEY("org_id","domain");--> statement-breakpoint
ALTER TABLE "org_domains" ADD COLUMN "token" text DEFAULT replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "org_domains" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "org_domains" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "org_domains" ADD COLUMN "last_check_error" text;--> statement-breakpoint
ALTER TABLE "org_slug_redirects" ADD COLUMN "held_until" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "org_domains_verified_idx" ON "org_domains" USING btree ("domain") WHERE "org_domains"."verified_at" is not null;--> statement-breakpoint
CREATE INDEX "org_domains_domain_idx" ON "org_domains" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "org_domains_check_idx" ON "org_domains" USING btree ("last_checked_at");