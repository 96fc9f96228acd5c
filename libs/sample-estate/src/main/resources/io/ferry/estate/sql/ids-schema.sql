-- ids: identity. Tables first; keys, uniques and references come after the data (ids-constraints.sql).
CREATE TYPE public.person_kind AS ENUM ('student', 'staff', 'guardian');

-- lookup shared by all districts
CREATE TABLE public.grade_level (
    code     varchar(2) NOT NULL,
    name     text       NOT NULL,
    ordinal  smallint   NOT NULL
);

CREATE TABLE public.district (
    id          bigint       NOT NULL,
    code        varchar(32)  NOT NULL,
    name        text         NOT NULL,
    state_code  char(2)      NOT NULL,
    timezone    text         NOT NULL,
    domain      text         NOT NULL,
    created_at  timestamptz  NOT NULL
);

CREATE TABLE public.school (
    id                bigint       NOT NULL,
    district_id       bigint       NOT NULL,
    code              varchar(16)  NOT NULL,
    name              varchar(200) NOT NULL,
    level             text         NOT NULL CHECK (level IN ('elementary', 'middle', 'high')),
    parent_school_id  bigint,
    principal_id      bigint,
    street            text,
    postal_code       varchar(10),
    opened_on         date
);

CREATE TABLE public.person (
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    person_uuid         uuid                NOT NULL,
    district_id         bigint              NOT NULL,
    school_id           bigint,
    previous_school_id  bigint,
    kind                public.person_kind  NOT NULL,
    first_name          text                NOT NULL,
    last_name           text                NOT NULL,
    birth_date          date                NOT NULL,
    email               varchar(254),
    phone               varchar(20),
    state_student_id    varchar(12),
    grade_level_code    varchar(2),
    contact_info        jsonb,
    active_since        date
);

CREATE TABLE public.user_account (
    id             uuid          NOT NULL,
    person_id      bigint        NOT NULL,
    username       varchar(64)   NOT NULL,
    email          varchar(254)  NOT NULL,
    password_hash  bytea         NOT NULL,
    roles          text[]        NOT NULL,
    is_active      boolean       NOT NULL,
    last_login_at  timestamptz,
    last_login_ip  inet,
    created_at     timestamptz   NOT NULL
);

-- junction: guardians and students (a guardian may live in another district)
CREATE TABLE public.guardian_link (
    guardian_id   bigint   NOT NULL,
    student_id    bigint   NOT NULL,
    relationship  text     NOT NULL,
    is_primary    boolean  NOT NULL
);

-- junction: staff and schools
CREATE TABLE public.staff_assignment (
    staff_id    bigint        NOT NULL,
    school_id   bigint        NOT NULL,
    role        text          NOT NULL,
    start_date  date          NOT NULL,
    fte         numeric(3,2)  NOT NULL CHECK (fte > 0 AND fte <= 1)
);
