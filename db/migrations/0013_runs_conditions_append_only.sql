-- A run's status history is append-only, like the pointer histories: an UPDATE, a TRUNCATE or a
-- direct DELETE fails; purging the run removes its history through the foreign key's cascade.
CREATE TRIGGER run_conditions_append_only BEFORE UPDATE OR DELETE ON run_conditions
  FOR EACH ROW EXECUTE FUNCTION pointer_events_append_only();--> statement-breakpoint
CREATE TRIGGER run_conditions_no_truncate BEFORE TRUNCATE ON run_conditions
  FOR EACH STATEMENT EXECUTE FUNCTION pointer_events_append_only();
