-- Sessions that existed before sudo mode last proved who they are when they were opened, not at this migration.
UPDATE "sessions" SET "authenticated_at" = "created_at";
