-- Many districts in one request: the batch and, per district, the run it started or why none started.
CREATE TABLE batch (
    batch_id     text        PRIMARY KEY,
    requested_by text        NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE batch_district (
    batch_id text    NOT NULL REFERENCES batch,
    position int     NOT NULL,
    district text    NOT NULL,
    run_id   text    REFERENCES run,
    failure  text,
    PRIMARY KEY (batch_id, position),
    CHECK ((run_id IS NULL) <> (failure IS NULL))
);
