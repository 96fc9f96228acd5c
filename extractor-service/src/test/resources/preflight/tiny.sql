-- A tiny PROD store for the preflight's reserved-range check: two districts, people, and values inside
-- the ranges generated values use (an example.org email, a 555-01xx phone, an F- state id).
CREATE TABLE public.district (
    id    bigint PRIMARY KEY,
    code  text   NOT NULL UNIQUE,
    name  text   NOT NULL
);

CREATE TABLE public.person (
    id           bigint PRIMARY KEY,
    district_id  bigint NOT NULL REFERENCES public.district (id),
    first_name   text   NOT NULL,
    last_name    text   NOT NULL,
    email        text,
    phone        text,
    state_id     varchar(16),
    contact      jsonb
);

INSERT INTO public.district VALUES (1, 'd1', 'North Valley'), (2, 'd2', 'South Ridge');
INSERT INTO public.person VALUES
    (1, 1, 'Ada', 'Lovelace', 'ada.lovelace@gmail.com', '(217) 384-2291', '1234567890', '{"email": "ada.l@outlook.com"}'),
    (2, 1, 'Bob', 'Reyes', 'bob.reyes@Example.ORG', '+1 217 555 0142', 'f-0012', '{"email": "bob@example.org"}'),
    (3, 2, 'Cy', 'Young', 'cy.young@gmail.com', '217-384-2292', '1234567891', '{"email": "cy@outlook.com"}');
