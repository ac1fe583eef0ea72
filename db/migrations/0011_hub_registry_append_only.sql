-- Pointer histories (component tags, model aliases) are append-only: an UPDATE, a TRUNCATE or a
-- direct DELETE fails. Deleting the component or model itself still removes its history, through
-- the foreign key's cascade (a trigger fired from the cascade runs at depth 2).
CREATE FUNCTION pointer_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER hub_tag_events_append_only BEFORE UPDATE OR DELETE ON hub_tag_events
  FOR EACH ROW EXECUTE FUNCTION pointer_events_append_only();--> statement-breakpoint
CREATE TRIGGER hub_tag_events_no_truncate BEFORE TRUNCATE ON hub_tag_events
  FOR EACH STATEMENT EXECUTE FUNCTION pointer_events_append_only();--> statement-breakpoint
CREATE TRIGGER registry_alias_events_append_only BEFORE UPDATE OR DELETE ON registry_alias_events
  FOR EACH ROW EXECUTE FUNCTION pointer_events_append_only();--> statement-breakpoint
CREATE TRIGGER registry_alias_events_no_truncate BEFORE TRUNCATE ON registry_alias_events
  FOR EACH STATEMENT EXECUTE FUNCTION pointer_events_append_only();
