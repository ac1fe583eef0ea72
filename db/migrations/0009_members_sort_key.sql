-- memberships.sort_key is lower(users.name): set on every new membership, followed on every rename,
-- and filled in for the memberships that exist. Triggers, so no insert site can forget it.
CREATE FUNCTION memberships_set_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sort_key := (SELECT lower(name) FROM users WHERE id = NEW.user_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_sort_key BEFORE INSERT OR UPDATE OF user_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_set_sort_key();
--> statement-breakpoint
CREATE FUNCTION users_follow_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET sort_key = lower(NEW.name) WHERE user_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_sort_key AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION users_follow_sort_key();
--> statement-breakpoint
UPDATE memberships m SET sort_key = lower(u.name) FROM users u WHERE u.id = m.user_id;
