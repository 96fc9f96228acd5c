-- The coordinator's own database: runs as the saga leaves them, their audit trail, the outbox and the
-- messages already processed. Every change of a run is one transaction over these tables.

CREATE TABLE run (
    run_id       text        PRIMARY KEY,
    district     text        NOT NULL,
    status       text        NOT NULL,
    step         text        NOT NULL,
    version      bigint      NOT NULL,
    state        jsonb       NOT NULL,
    requested_by text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- One active run per district, enforced here and not only in code (a semantic lock on the district).
CREATE UNIQUE INDEX run_one_active_per_district ON run (district)
    WHERE status IN ('REQUESTED', 'RUNNING', 'AWAITING_APPROVAL', 'BLOCKED', 'COMPENSATING');
CREATE INDEX run_by_status ON run (status, created_at);

-- The audit trail: who, what, when, why; rows are only ever added.
CREATE TABLE run_event (
    run_id   text        NOT NULL REFERENCES run,
    seq      bigint      NOT NULL,
    event_id uuid        NOT NULL,
    kind     text        NOT NULL,
    actor    text        NOT NULL,
    at       timestamptz NOT NULL,
    what     text        NOT NULL,
    status   text        NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE FUNCTION run_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'run_event is append-only: the audit trail is never changed or deleted';
END $$;
CREATE TRIGGER run_event_append_only BEFORE UPDATE OR DELETE ON run_event
    FOR EACH ROW EXECUTE FUNCTION run_event_append_only();

-- Messages to send, written with the change that caused them; the relay marks a row sent after the broker
-- acknowledged it. not_before holds a retry back for its backoff.
CREATE TABLE outbox (
    id           bigserial   PRIMARY KEY,
    message_id   uuid        NOT NULL,
    run_id       text        NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    causation_id uuid,
    payload      text        NOT NULL,
    not_before   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz
);
CREATE INDEX outbox_unsent ON outbox (not_before, id) WHERE sent_at IS NULL;

-- Work the coordinator does itself after a change (the report, cleaning a run's raw batches).
CREATE TABLE run_task (
    id         bigserial   PRIMARY KEY,
    run_id     text        NOT NULL REFERENCES run,
    kind       text        NOT NULL,
    created_at timestamptz NOT NULL,
    done_at    timestamptz
);
CREATE INDEX run_task_open ON run_task (id) WHERE done_at IS NULL;

-- Every event applied, by its id: a redelivered message is recognised and ignored.
CREATE TABLE processed_message (
    message_id   uuid        PRIMARY KEY,
    run_id       text        NOT NULL,
    processed_at timestamptz NOT NULL
);
