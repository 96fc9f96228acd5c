-- What a forced rollback (ferry rollback --force) went past, so that no tester's work is lost: the rows it
-- took out or overwrote although testers had changed them since the load ('changed'), and the rows outside
-- the run it deleted because they referenced the run's rows ('referenced'), each as it was just before.
CREATE TABLE ferry.forced_image (
    run_id     text NOT NULL REFERENCES ferry.run (run_id),
    table_name text NOT NULL,
    row_key    jsonb NOT NULL,
    cause      text NOT NULL CHECK (cause IN ('changed', 'referenced')),
    image      jsonb NOT NULL,
    saved_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (run_id, table_name, row_key, cause)
);

-- When a run was taken out (compensated or superseded); finished_at stays the time its load finished.
ALTER TABLE ferry.run ADD COLUMN taken_out_at timestamptz;

-- A store's load result, per table, written in the load's transaction: a redelivered load request for a
-- run this store already committed is answered from here instead of loading again.
CREATE TABLE ferry.run_count (
    run_id     text NOT NULL REFERENCES ferry.run (run_id),
    table_name text NOT NULL,
    position   integer NOT NULL,
    inserted   bigint NOT NULL,
    updated    bigint NOT NULL,
    remapped   bigint NOT NULL,
    skipped    bigint NOT NULL,
    PRIMARY KEY (run_id, table_name)
);

-- The ledger is read per run and table (counts, the held-rows check, compensation): without this index each
-- table's read scanned every ledger row of the run.
CREATE INDEX ledger_run_table ON ferry.ledger (run_id, table_name, action);
