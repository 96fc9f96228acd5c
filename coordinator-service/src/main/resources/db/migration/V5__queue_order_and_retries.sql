-- step_since: when the run entered its current step (the load queue is served in that order; updated_at moves
-- only when the run changes). attempts and not_before: a task or outbox row that keeps failing waits longer
-- each time, and an outbox row the broker refused five times is parked instead of holding up every other run.
ALTER TABLE run ADD COLUMN step_since timestamptz;
UPDATE run SET step_since = updated_at;
ALTER TABLE run ALTER COLUMN step_since SET NOT NULL;

ALTER TABLE run_task ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE run_task ADD COLUMN not_before timestamptz;

ALTER TABLE outbox ADD COLUMN attempts int NOT NULL DEFAULT 0;
