-- Ferry's bookkeeping in a CERT store. Flyway applies this once per store (ferry init-target); change the
-- schema only with a new V<n>__*.sql beside this file, never by editing an applied one.

-- The environment marker: the loader refuses a store without it. One row.
CREATE TABLE ferry.environment (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    environment text NOT NULL CHECK (environment = 'cert'),
    store       text NOT NULL,
    marked_at   timestamptz NOT NULL DEFAULT now(),
    marked_by   text NOT NULL DEFAULT current_user
);

-- Every run that loaded (or began to load) into this store: `ferry inventory` reads it, so the store
-- itself says which districts it holds even if the coordinator's database is lost.
CREATE TABLE ferry.run (
    run_id        text PRIMARY KEY,
    district      text NOT NULL,
    spec_hash     text NOT NULL,
    key_version   integer NOT NULL,
    requested_by  text,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text NOT NULL CHECK (status IN ('loading', 'loaded', 'compensated', 'superseded')),
    superseded_by text REFERENCES ferry.run (run_id)
);
CREATE INDEX run_district ON ferry.run (district, started_at);

-- What a run wrote, row by row: enough to take it back out exactly. row_key is the CERT key of the row
-- (column -> text), row_hash the md5 of the row's text as loaded, before_image the row an upsert replaced.
CREATE TABLE ferry.ledger (
    run_id       text NOT NULL REFERENCES ferry.run (run_id),
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    table_name   text NOT NULL,
    action       text NOT NULL CHECK (action IN ('insert', 'update')),
    row_key      jsonb NOT NULL,
    row_hash     text NOT NULL,
    before_image jsonb,
    PRIMARY KEY (run_id, seq),
    CHECK ((action = 'update') = (before_image IS NOT NULL))
);
CREATE INDEX ledger_row ON ferry.ledger (table_name, row_key);

-- Remapped keys per district, so that a refresh lands on the same CERT keys. A personal source key is
-- kept only as its keyed hash.
CREATE TABLE ferry.key_map (
    district    text NOT NULL,
    table_name  text NOT NULL,
    source_key  text NOT NULL,
    cert_key    text NOT NULL,
    run_id      text NOT NULL REFERENCES ferry.run (run_id),
    PRIMARY KEY (district, table_name, source_key),
    UNIQUE (table_name, cert_key)
);
