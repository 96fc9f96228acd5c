-- The PROD databases that init-target saw when it prepared this store. The loader holds no PROD
-- credentials, so it refuses a session whose identity matches one of these instead of asking PROD.
CREATE TABLE ferry.prod_identity (
    address           text NOT NULL,
    database          text NOT NULL,
    system_identifier text,
    store             text NOT NULL,
    seen_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (address, database)
);

-- Compensation's proof, per run and touched table: the row count and
-- md5(string_agg(t::text, E'\n' ORDER BY t::text)) taken inside the load's transaction before its first
-- row ('before') and after compensation ('after'). Equal pairs mean the table holds what it held before.
CREATE TABLE ferry.run_proof (
    run_id     text NOT NULL REFERENCES ferry.run (run_id),
    table_name text NOT NULL,
    phase      text NOT NULL CHECK (phase IN ('before', 'after')),
    rows       bigint NOT NULL,
    checksum   text,
    taken_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (run_id, table_name, phase)
);
