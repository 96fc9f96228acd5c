-- hcp1: classes
-- lookup shared by all districts
CREATE TABLE public.subject (
    code  varchar(8)  NOT NULL,
    name  text        NOT NULL
);

-- terms inside school years: composite key, composite self-reference through parent_code
CREATE TABLE public.academic_session (
    district_id   bigint       NOT NULL,
    session_code  varchar(16)  NOT NULL,
    parent_code   varchar(16),
    kind          text         NOT NULL CHECK (kind IN ('school_year', 'term')),
    title         text         NOT NULL,
    starts_on     date         NOT NULL,
    ends_on       date         NOT NULL
);

CREATE TABLE public.course (
    id                      bigint        NOT NULL,
    district_id             bigint        NOT NULL,
    school_id               bigint        NOT NULL,
    code                    varchar(16)   NOT NULL,
    title                   text          NOT NULL,
    subject_code            varchar(8)    NOT NULL,
    credits                 numeric(4,2)  NOT NULL,
    prerequisite_course_id  bigint,
    legacy_code             varchar(12)
);

CREATE TABLE public.section (
    id            bigint       NOT NULL,
    course_id     bigint       NOT NULL,
    district_id   bigint       NOT NULL,
    session_code  varchar(16)  NOT NULL,
    school_id     bigint       NOT NULL,
    room          text,
    capacity      integer      NOT NULL,
    period        smallint     NOT NULL
);

CREATE TABLE public.section_teacher (
    section_id  bigint  NOT NULL,
    person_id   bigint  NOT NULL,
    role        text    NOT NULL
);

CREATE TABLE public.enrollment (
    section_id  bigint  NOT NULL,
    person_id   bigint  NOT NULL,
    entry_date  date    NOT NULL,
    exit_date   date,
    status      text    NOT NULL
);
