-- hcp2: coursework
-- a cycle whose references are all NOT NULL and deferrable (initially deferred):
-- gradebook.current_period_id -> grading_period, grading_period.gradebook_id -> gradebook
CREATE TABLE public.gradebook (
    id                 bigint  NOT NULL,
    section_id         bigint  NOT NULL,
    current_period_id  bigint  NOT NULL,
    scale              text    NOT NULL
);

CREATE TABLE public.grading_period (
    id            bigint  NOT NULL,
    gradebook_id  bigint  NOT NULL,
    name          text    NOT NULL,
    starts_on     date    NOT NULL,
    ends_on       date    NOT NULL
);

-- a cycle whose references are all NOT NULL and not deferrable:
-- rubric.default_criterion_id -> rubric_criterion, rubric_criterion.rubric_id -> rubric
CREATE TABLE public.rubric (
    id                    bigint  NOT NULL,
    course_id             bigint  NOT NULL,
    title                 text    NOT NULL,
    default_criterion_id  bigint  NOT NULL
);

CREATE TABLE public.rubric_criterion (
    id          bigint        NOT NULL,
    rubric_id   bigint        NOT NULL,
    name        text          NOT NULL,
    max_points  numeric(5,2)  NOT NULL,
    position    smallint      NOT NULL
);

CREATE TABLE public.assignment (
    id               bigint        NOT NULL,
    section_id       bigint        NOT NULL,
    title            text          NOT NULL,
    category         text          NOT NULL,
    due_at           timestamptz   NOT NULL,
    points_possible  numeric(6,2)  NOT NULL
);

-- teacher_comment is free text holding names and phone numbers
CREATE TABLE public.submission (
    id               bigint       NOT NULL,
    assignment_id    bigint       NOT NULL,
    person_id        bigint       NOT NULL,
    submitted_at     timestamptz  NOT NULL,
    status           text         NOT NULL CHECK (status IN ('submitted', 'late', 'graded')),
    teacher_comment  text,
    grader_id        bigint
);

CREATE TABLE public.grade (
    id                 bigint        NOT NULL,
    section_id         bigint        NOT NULL,
    person_id          bigint        NOT NULL,
    grading_period_id  bigint        NOT NULL,
    points_earned      numeric(6,2)  NOT NULL,
    points_possible    numeric(6,2)  NOT NULL CHECK (points_possible > 0),
    percent            numeric(5,2)  GENERATED ALWAYS AS (round(points_earned * 100 / points_possible, 2)) STORED,
    letter             char(1)       NOT NULL
);

-- partitioned by school year
CREATE TABLE public.attendance (
    person_id        bigint   NOT NULL,
    section_id       bigint   NOT NULL,
    attendance_date  date     NOT NULL,
    status           text     NOT NULL CHECK (status IN ('absent', 'tardy', 'excused')),
    minutes_late     integer  NOT NULL DEFAULT 0
) PARTITION BY RANGE (attendance_date);
CREATE TABLE public.attendance_${PREV} PARTITION OF public.attendance FOR VALUES FROM ('${PREV_START}') TO ('${CUR_START}');
CREATE TABLE public.attendance_${CUR} PARTITION OF public.attendance FOR VALUES FROM ('${CUR_START}') TO ('${NEXT_START}');
CREATE TABLE public.attendance_default PARTITION OF public.attendance DEFAULT;

-- a mixed-case quoted identifier (an import from a vendor)
CREATE TABLE public."AssessmentResult" (
    "resultId"          bigint   NOT NULL,
    "personId"          bigint   NOT NULL,
    "assessmentCode"    text     NOT NULL,
    "scaleScore"        integer  NOT NULL,
    "takenOn"           date     NOT NULL,
    "performanceLevel"  text
);
