-- A store's load publishes the key maps it decided (ADR 4) before it commits, so the stores that reference it
-- can load beside it: one row per run that has a load of this store under way or failed, and the entries a
-- referencing store would read from key_map and shared_row after the commit (keys the map moves, shared rows).
-- Written from a session of their own, outside the load's transaction; the load's commit deletes them.
CREATE TABLE ferry.decided_map (
    run_id     text PRIMARY KEY,
    state      text NOT NULL CHECK (state IN ('loading', 'decided', 'retrying', 'failed')),
    decided_at timestamptz,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE ferry.decided_key (
    run_id     text NOT NULL,
    table_name text NOT NULL,
    source_key text NOT NULL,
    cert_key   text NOT NULL,
    PRIMARY KEY (run_id, table_name, source_key)
);
