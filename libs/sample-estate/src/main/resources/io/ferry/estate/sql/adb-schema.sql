-- adb: analytics. No references are declared here: everything points into ids by convention.
CREATE TABLE public.event (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    district_id  bigint       NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    event_type   text         NOT NULL,
    client_ip    inet,
    payload      jsonb        NOT NULL
);

-- no primary key
CREATE TABLE public.daily_usage (
    usage_date   date     NOT NULL,
    district_id  bigint   NOT NULL,
    school_id    bigint,
    person_id    bigint   NOT NULL,
    sessions     integer  NOT NULL,
    minutes      integer  NOT NULL,
    device       text
);

CREATE TABLE public.report_snapshot (
    id           bigint       NOT NULL,
    district_id  bigint       NOT NULL,
    school_id    bigint       NOT NULL,
    taken_at     timestamptz  NOT NULL,
    kind         text         NOT NULL,
    summary      jsonb        NOT NULL
);
