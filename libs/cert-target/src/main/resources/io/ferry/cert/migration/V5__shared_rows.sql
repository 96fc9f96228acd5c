-- Rows two districts' closures share (a cross-tenant row one district copied is the other's own): the run of
-- the second district found the row already loaded by a live run of another district, so it references that
-- row instead of loading it again. One row here per such CERT row and referencing run, in the store that
-- holds the row: the owner's rollback is blocked while a live run shares its rows, and, for a remapped table,
-- source_key is the PROD key whose references the sharing district's stores rewrite to cert_key (the row's).
CREATE TABLE ferry.shared_row (
    run_id     text NOT NULL,
    district   text NOT NULL,
    table_name text NOT NULL,
    row_key    jsonb NOT NULL,
    source_key text,
    cert_key   text,
    owner_run  text NOT NULL,
    PRIMARY KEY (run_id, table_name, row_key),
    CHECK ((source_key IS NULL) = (cert_key IS NULL))
);
CREATE INDEX shared_row_district ON ferry.shared_row (district, table_name);
CREATE INDEX shared_row_owner ON ferry.shared_row (owner_run);
